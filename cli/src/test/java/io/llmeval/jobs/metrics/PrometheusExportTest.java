package io.llmeval.jobs.metrics;

import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrapes the real Prometheus reporter ({@code flink-metrics-prometheus}) of a running job: window gauges
 * carry model/route labels, their number is capped, and the dead-letter counters are exported.
 */
class PrometheusExportTest {

    private static final int PORT = PrometheusScrape.freePort();
    /** The documented name prefix of the window gauges (flink-conf/README.md, docs/pipeline.md). */
    private static final String GAUGE_PREFIX = "flink_taskmanager_job_task_operator_model_route_llm_eval_";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
                    .setConfiguration(reporterConfig()).build());

    private static Configuration reporterConfig() {
        return EvalJob.prometheusReporter(Integer.toString(PORT));
    }

    @Test
    void windowGaugesAreScrapedWithLabelsAndCappedCardinality(@TempDir Path work) throws Exception {
        new TrafficGenerator(GeneratorConfig.of(6_000, 8, EnumSet.noneOf(IncidentType.class)).withMalformedRate(0.01))
                .writeTo(work);
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.PROMETHEUS_MAX_KEYS, 4);
        // Replayed slowly enough (about 15 s) that the job is still running while we scrape.
        EvalJobSettings settings = new EvalJobSettings(RuntimeExecutionMode.STREAMING,
                List.of(work.resolve("logs").toString()), work.resolve("out").toString(), null, 1,
                Duration.ofSeconds(1), conf, null, 400);
        String scrape = PrometheusScrape.scrapeWhileRunning(settings, PORT,
                Pattern.compile("llm_eval_latency_p95_ms\\{[^}]*model=\"other\""), Duration.ofSeconds(60), "llm_eval");

        Set<String> labelSets = new TreeSet<>();
        Matcher m = Pattern.compile("(\\w*llm_eval_latency_p95_ms)\\{([^}]*)\\} (\\S+)").matcher(scrape);
        while (m.find()) {
            assertThat(m.group(1)).isEqualTo(GAUGE_PREFIX + "latency_p95_ms");
            labelSets.add(label(m.group(2), "model") + "/" + label(m.group(2), "route"));
            if (!m.group(3).equals("NaN")) {
                assertThat(Double.parseDouble(m.group(3))).isGreaterThan(0);
            }
        }
        assertThat(labelSets).hasSize(5).contains("other/other")
                .anyMatch(key -> key.startsWith("llama-3.1-8b-instruct/"));
        assertThat(scrape).contains(GAUGE_PREFIX + "error_rate{", GAUGE_PREFIX + "window_end_seconds{",
                "flink_taskmanager_job_task_operator_llm_eval_records_dead_lettered{",
                "flink_taskmanager_job_task_operator_llm_eval_records_in{",
                "flink_taskmanager_job_task_operator_llm_eval_reason_dead_letters{");
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "?";
    }
}
