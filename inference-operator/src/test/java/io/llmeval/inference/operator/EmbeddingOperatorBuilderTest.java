package io.llmeval.inference.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.junit.jupiter.api.Test;

class EmbeddingOperatorBuilderTest {

    private static EmbeddingOperator.Builder<String, Integer> complete() {
        return EmbeddingOperator.<String, Integer>builder()
                .inputType(Types.STRING)
                .texts(List::of)
                .combiner((s, v) -> v.length);
    }

    @Test
    void buildsWithDefaults() {
        assertThat(complete().build()).isNotNull();
    }

    @Test
    void requiresInputType() {
        assertThatThrownBy(() -> complete().inputType(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputType must be set");
    }

    @Test
    void requiresTexts() {
        assertThatThrownBy(() -> complete().texts(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("texts must be set");
    }

    @Test
    void requiresCombiner() {
        assertThatThrownBy(() -> complete().combiner(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("combiner must be set");
    }

    @Test
    void rejectsEmptyBatches() {
        assertThatThrownBy(() -> complete().maxBatchRecords(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBatchRecords must be at least 1 but was 0");
    }

    @Test
    void rejectsZeroDelay() {
        assertThatThrownBy(() -> complete().maxDelay(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDelay must be at least 1 ms but was PT0S");
    }

    @Test
    void semanticSimilarityIsNaNWithoutReference() {
        TextSelector<String[]> selector = SemanticSimilarity.responseAndReference(r -> r[0], r -> r[1]);
        assertThat(selector.texts(new String[] {"answer", null})).isEmpty();
        assertThat(selector.texts(new String[] {"answer", "  "})).isEmpty();
        assertThat(selector.texts(new String[] {"answer", "ref"})).containsExactly("answer", "ref");
        assertThat(SemanticSimilarity.of(new float[0][])).isNaN();
        assertThat(SemanticSimilarity.of(new float[][] {{1, 0}, {1, 0}})).isEqualTo(1.0);
    }

    /** A GPU as Flink's GPU driver describes it: an {@code index} property. */
    private record Gpu(String index) implements ExternalResourceInfo {
        @Override
        public Optional<String> getProperty(String key) {
            return "index".equals(key) ? Optional.ofNullable(index) : Optional.empty();
        }

        @Override
        public Collection<String> getKeys() {
            return index == null ? Set.of() : Set.of("index");
        }
    }

    @Test
    void subtasksTakeTheResourcesGpusRoundRobinInIndexOrder() {
        Set<ExternalResourceInfo> gpus = Set.of(new Gpu("3"), new Gpu("1"));
        assertThat(EmbeddingOperator.cudaDevice(gpus, 0)).contains(1);
        assertThat(EmbeddingOperator.cudaDevice(gpus, 1)).contains(3);
        assertThat(EmbeddingOperator.cudaDevice(gpus, 2)).contains(1);
        assertThat(EmbeddingOperator.cudaDevice(Set.of(), 0)).as("no such resource on this TaskManager").isEmpty();
        assertThat(EmbeddingOperator.cudaDevice(Set.of(new Gpu(null)), 0)).as("no index property").isEmpty();
    }
}
