package io.llmeval.inference.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.llmeval.inference.SentenceEmbedder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The semantic-similarity use of {@link EmbeddingOperator} in a real job on a MiniCluster at parallelism 2, with
 * checkpoints: every record comes out exactly once with {@code cosine(response, reference)}, NaN without a
 * reference.
 */
class EmbeddingPipelineMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final TypeInformation<Tuple3<Integer, String, String>> RECORD =
            Types.TUPLE(Types.INT, Types.STRING, Types.STRING);

    @Test
    void attachesSemanticSimilarityToEveryRecordOnce() throws Exception {
        List<Tuple3<Integer, String, String>> records = new ArrayList<>();
        String[][] pairs = {
            {"The cat sat on the mat.", "A cat was sitting on the mat."},
            {"The invoice was paid on Monday.", "Photosynthesis happens in chloroplasts."},
            {"Paris is the capital of France.", null},
        };
        for (int i = 0; i < 60; i++) {
            String[] p = pairs[i % pairs.length];
            records.add(Tuple3.of(i, p[0] + " #" + (i / pairs.length), p[1]));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        EmbeddingOperator<Tuple3<Integer, String, String>, Tuple2<Integer, Double>> similarity =
                EmbeddingOperator.<Tuple3<Integer, String, String>, Tuple2<Integer, Double>>builder()
                        .inputType(RECORD)
                        .texts(SemanticSimilarity.responseAndReference(r -> r.f1, r -> r.f2))
                        .combiner(SemanticSimilarity.attach((r, s) -> Tuple2.of(r.f0, s)))
                        .maxBatchRecords(8)
                        .maxDelay(Duration.ofMillis(20))
                        .build();
        DataStream<Tuple2<Integer, Double>> scored = env.fromData(records, RECORD)
                .rebalance()
                .transform("semantic-similarity", Types.TUPLE(Types.INT, Types.DOUBLE), similarity);

        Map<Integer, Double> byId = new HashMap<>();
        try (CloseableIterator<Tuple2<Integer, Double>> it = scored.executeAndCollect()) {
            while (it.hasNext()) {
                Tuple2<Integer, Double> t = it.next();
                assertThat(byId.put(t.f0, t.f1)).as("duplicate output for record " + t.f0).isNull();
            }
        }

        assertThat(byId).hasSize(records.size());
        try (SentenceEmbedder embedder = SentenceEmbedder.builder().build()) {
            for (Tuple3<Integer, String, String> r : records) {
                double actual = byId.get(r.f0);
                if (r.f2 == null) {
                    assertThat(actual).as("record %s", r.f0).isNaN();
                } else {
                    float[][] v = embedder.embed(List.of(r.f1, r.f2));
                    assertThat(actual).as("record %s", r.f0).isCloseTo(SentenceEmbedder.cosine(v[0], v[1]),
                            within(1e-5));
                }
            }
        }
        assertThat(byId.get(0)).isGreaterThan(0.7);
        assertThat(byId.get(1)).isLessThan(0.3);
    }
}
