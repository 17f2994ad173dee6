package io.llmeval.jobs.metrics;

import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.deploy.DeploymentFiles;
import io.llmeval.jobs.drift.DriftOptions;
import io.llmeval.jobs.drift.ReferenceBuilder;
import io.llmeval.jobs.drift.TextField;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift gauges through the real Prometheus reporter, from a streaming job with a drift reference: the names the
 * dashboard and the DriftDetected rule use, labelled by model and route.
 */
class DriftGaugeExportTest {

    private static final int PORT = PrometheusScrape.freePort();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
                    .setConfiguration(EvalJob.prometheusReporter(Integer.toString(PORT))).build());

    @Test
    void driftGaugesAreScrapedPerKey(@TempDir Path work) throws Exception {
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.of(6_000, 8, EnumSet.noneOf(IncidentType.class)));
        generator.writeTo(work);
        Path referenceFile = generator.writeReference(work.resolve("reference.jsonl"), 2_000);
        try (SentenceEmbedder embedder = SentenceEmbedder.builder().build()) {
            new ReferenceBuilder(TextField.PROMPT, 2_000, DriftOptions.SEED.defaultValue(), DriftOptions.MAX_TEXT_CHARS.defaultValue())
                    .build(List.of(referenceFile.toString()), embedder, new PrintStream(OutputStream.nullOutputStream()))
                    .dataset().write(work.resolve("reference"));
        }
        Configuration conf = new Configuration();
        conf.set(DriftOptions.REFERENCE, work.resolve("reference").toString());
        conf.set(DriftOptions.WINDOW_SIZE, Duration.ofMinutes(1)); // windows close early in the 5-minute replay
        // Replayed slowly enough (about 30 s) that the job still runs while we scrape.
        EvalJobSettings settings = new EvalJobSettings(RuntimeExecutionMode.STREAMING,
                List.of(work.resolve("logs").toString()), work.resolve("out").toString(), null, 1,
                Duration.ofSeconds(1), conf, null, 200);
        String scrape = PrometheusScrape.scrapeWhileRunning(settings, PORT,
                Pattern.compile("llm_eval_drift_score\\{[^}]*\\} [0-9.]+"), Duration.ofSeconds(120), "drift");
        for (String name : DeploymentFiles.ONLY_WITH_DRIFT_REFERENCE) {
            assertThat(scrape).contains(name + "{");
        }
        Matcher m = Pattern.compile("llm_eval_drift_score\\{([^}]*)\\} ([0-9.]+)").matcher(scrape);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).containsPattern("model=\"[a-z0-9.-]+\"").containsPattern("route=\"(chat|rag)\"");
        assertThat(Double.parseDouble(m.group(2))).isBetween(0.0, 1.0);
    }
}
