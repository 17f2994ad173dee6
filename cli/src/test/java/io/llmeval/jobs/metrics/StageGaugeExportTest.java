package io.llmeval.jobs.metrics;

import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.OtlpTrafficWriter;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.pipeline.PipelineOptions;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage gauges and the cost gauge through the real Prometheus reporter, from a streaming job over generated span
 * traffic: labelled by model, route and stage.
 */
class StageGaugeExportTest {

    private static final int PORT = PrometheusScrape.freePort();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
                    .setConfiguration(EvalJob.prometheusReporter(Integer.toString(PORT))).build());

    @Test
    void stageGaugesAreScrapedPerModelRouteAndStage(@TempDir Path work) throws Exception {
        new OtlpTrafficWriter(GeneratorConfig.of(6_000, 4, EnumSet.noneOf(IncidentType.class)), false).writeTo(work);
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.INPUT_FORMAT, "otlp-json");
        conf.set(PipelineOptions.TRACE_TIMEOUT, Duration.ofSeconds(30));
        // Documents replayed slowly enough (about 40 s) that the job still runs while we scrape.
        EvalJobSettings settings = new EvalJobSettings(RuntimeExecutionMode.STREAMING,
                List.of(work.resolve("logs").toString()), work.resolve("out").toString(), null, 1,
                Duration.ofSeconds(1), conf, null, 20);
        String scrape = PrometheusScrape.scrapeWhileRunning(settings, PORT,
                Pattern.compile("llm_eval_stage_share_of_latency\\{[^}]*stage=\"retrieve\"[^}]*\\} [0-9.]+"),
                Duration.ofSeconds(120), "stage");
        for (String gauge : StageGaugeSink.gaugeNames()) {
            assertThat(scrape).contains(WindowGauges.PREFIX + gauge + "{");
        }
        Matcher m = Pattern.compile("llm_eval_stage_duration_p95_ms\\{([^}]*)\\} ([0-9.E]+)").matcher(scrape);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).containsPattern("model=\"[a-z0-9.-]+\"").containsPattern("route=\"(chat|rag)\"")
                .containsPattern("stage=\"[a-z_]+\"");
        assertThat(Double.parseDouble(m.group(2))).isPositive();
        assertThat(scrape).containsPattern("llm_eval_cost_usd_sum\\{[^}]*model=\"gpt-4o-mini\"[^}]*\\} [0-9.E-]+");
    }
}
