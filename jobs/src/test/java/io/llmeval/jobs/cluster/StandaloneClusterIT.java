package io.llmeval.jobs.cluster;

import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.generator.GeneratorConfig;
import io.llmeval.jobs.generator.IncidentType;
import io.llmeval.jobs.generator.TrafficGenerator;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real standalone cluster — JobManager and two TaskManagers as separate JVMs, configured by
 * flink-conf/config.yaml — runs the shaded job jar submitted through Flink's CliFrontend (`flink run`),
 * and writes the same windows as the in-process backfill.
 */
class StandaloneClusterIT {

    @TempDir
    static Path work;

    @RegisterExtension
    static final StandaloneClusterExtension CLUSTER = new StandaloneClusterExtension(2);

    @Test
    void flinkRunOfTheJobJarMatchesTheLocalBackfill() throws Exception {
        new TrafficGenerator(GeneratorConfig.of(12_000, 21, EnumSet.of(IncidentType.LATENCY_SPIKE))
                .withRecordsPerFile(4_000).withMalformedRate(0.005)).writeTo(work.resolve("gen"));
        String logs = work.resolve("gen/logs").toString();

        StandaloneCluster.ProcessResult submitted = CLUSTER.cluster().submit(CLUSTER.layout().jobJar(), 2,
                List.of("backfill", "--input", logs, "--output", work.resolve("cluster-out").toString()));
        EvalJob.run(new EvalJobSettings(RuntimeExecutionMode.BATCH, List.of(logs), work.resolve("local-out").toString(),
                null, 2, Duration.ofSeconds(1), new Configuration(), null, 0), "local");

        assertThat(submitted.exitCode()).as(submitted.output()).isZero();
        assertThat(CLUSTER.cluster().registeredTaskManagers()).isEqualTo(2);
        List<String> clusterWindows = OutputFiles.sortedLines(work.resolve("cluster-out"), FileOutputs.WINDOWS_DIR);
        assertThat(clusterWindows).isNotEmpty()
                .isEqualTo(OutputFiles.sortedLines(work.resolve("local-out"), FileOutputs.WINDOWS_DIR));
        assertThat(OutputFiles.sortedLines(work.resolve("cluster-out"), FileOutputs.DEAD_LETTERS_DIR))
                .isNotEmpty()
                .isEqualTo(OutputFiles.sortedLines(work.resolve("local-out"), FileOutputs.DEAD_LETTERS_DIR));
        assertThat(CLUSTER.cluster().rest("/jobs/overview").orElseThrow()).contains("\"state\":\"FINISHED\"");
    }
}
