package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI Batch API output example map (docs/field-maps/) turns its sample file into windows, both modes: counts,
 * tokens and cost under the example price table, computed by hand below.
 */
class FieldMapPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Path MAPS = Path.of("..", "docs", "field-maps");

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"BATCH", "STREAMING"})
    void openAiBatchOutputBecomesCorrectWindows(RuntimeExecutionMode mode) throws Exception {
        List<RawLine> lines = new ArrayList<>();
        List<String> sample = Files.readAllLines(MAPS.resolve("openai-batch-output.sample.jsonl"));
        for (int i = 0; i < sample.size(); i++) {
            lines.add(new RawLine(sample.get(i).getBytes(StandardCharsets.UTF_8), "sample:" + (i + 1), false));
        }
        Configuration config = new Configuration();
        config.set(PipelineOptions.FIELD_MAP, MAPS.resolve("openai-batch-output.json").toString());

        EvalPipelineTest.Result result = EvalPipelineTest.run(mode, lines, config);

        assertThat(result.windows()).extracting(w -> w.model + "@" + w.windowStartMillis / 60_000 % 60 + " n=" + w.requestCount)
                .containsExactly("ft:gpt-4o-mini-2024-07-18:acme::B1x2y3z4@1 n=1", "gpt-4o-mini-2024-07-18@0 n=2",
                        "gpt-4o-mini-2024-07-18@1 n=1", "o3-mini-2025-01-31@0 n=1");
        WindowMetrics mini = result.windows().get(1);
        assertThat(mini.route).isEqualTo("batch");
        assertThat(mini.inputTokensSum).isEqualTo(1700);
        assertThat(mini.outputTokensSum).isEqualTo(400);
        // flink-conf/prices.yaml, USD per Mtok: 0.15 input, 0.075 cached input, 0.60 output.
        // ticket-1: 200×0.15 + 1000×0.075 + 300×0.60 = 285 µUSD (the 1000 cached tokens once, not again as input);
        // ticket-2: 500×0.15 + 100×0.60 = 135 µUSD.
        assertThat(mini.costUsdSum).isEqualTo(420e-6);
        assertThat(mini.costUsdPerRequest).isEqualTo(210e-6);
        assertThat(mini.unpricedCount).isZero();
        // o3-mini: 2000×1.10 + 1500×4.40 = 8800 µUSD (its 1200 reasoning tokens are in the 1500 output tokens).
        assertThat(result.windows().get(3).costUsdSum).isEqualTo(8800e-6);
        // ticket-4: 800×0.15 + 200×0.60 = 240 µUSD
        assertThat(result.windows().get(2).costUsdSum).isEqualTo(240e-6);
        WindowMetrics fineTuned = result.windows().get(0);
        assertThat(fineTuned.unpricedCount).isEqualTo(1);
        assertThat(fineTuned.costUsdSum).isZero();
        assertThat(fineTuned.costUsdPerRequest).isNaN();
        assertThat(result.deadLetters()).extracting(d -> d.reason + " " + d.source)
                .containsExactly("missing_field:timestamp sample:5");
    }
}
