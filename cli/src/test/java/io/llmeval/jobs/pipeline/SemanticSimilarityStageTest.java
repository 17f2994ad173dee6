package io.llmeval.jobs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code llm-eval.hallucination.semantic} on, the embedding operator runs inside the pipeline and its
 * cosine(response, reference) enters the hallucination score: same records scored, different scores.
 */
class SemanticSimilarityStageTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @Test
    void semanticSignalChangesScoresButNotWhatIsScored(@TempDir Path work) throws Exception {
        new TrafficGenerator(GeneratorConfig.of(400, 3, EnumSet.noneOf(IncidentType.class))).writeTo(work);
        List<String> lexical = run(work, false);
        List<String> semantic = run(work, true);

        ObjectMapper json = new ObjectMapper();
        assertThat(semantic).hasSameSizeAs(lexical).isNotEmpty();
        int changed = 0;
        for (int i = 0; i < lexical.size(); i++) {
            JsonNode a = json.readTree(lexical.get(i));
            JsonNode b = json.readTree(semantic.get(i));
            assertThat(b.get("scored_count")).isEqualTo(a.get("scored_count"));
            assertThat(b.get("request_count")).isEqualTo(a.get("request_count"));
            if (a.get("scored_count").asLong() > 0) {
                assertThat(b.get("hallucination_score_mean").asDouble()).isBetween(0.0, 1.0);
                changed += a.get("hallucination_score_mean").equals(b.get("hallucination_score_mean")) ? 0 : 1;
            }
        }
        assertThat(changed).isPositive();
    }

    private static List<String> run(Path work, boolean semantic) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.HALLUCINATION_SEMANTIC, semantic);
        Path out = work.resolve(semantic ? "semantic" : "lexical");
        EvalJob.run(new EvalJobSettings(RuntimeExecutionMode.BATCH, List.of(work.resolve("logs").toString()),
                out.toString(), null, 1, Duration.ofSeconds(1), conf, null, 0), "semantic-" + semantic);
        return OutputFiles.sortedLines(out, FileOutputs.WINDOWS_DIR);
    }
}
