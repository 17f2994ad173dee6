package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.EvalJob;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** flink-conf/config.yaml stays true: Flink parses it, and it states the pipeline's real defaults. */
class ClusterConfigTest {

    @Test
    void shippedConfigParsesAndMatchesTheDefaults() {
        Configuration conf = GlobalConfiguration.loadConfiguration(Path.of("..", "flink-conf").toAbsolutePath().toString());

        assertThat(PipelineConfig.from(conf)).isEqualTo(PipelineConfig.defaults());
        EvalJob.prometheusReporter("9249-9259").toMap().forEach((key, value) ->
                assertThat(conf.toMap()).containsEntry(key, value));
        assertThat(conf.toMap()).containsEntry("execution.checkpointing.interval", "10 s");
    }

    @Test
    void inferenceOverlayMatchesJavacppBoundToTheTaskOffHeapBudget() throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration(Path.of("..", "flink-conf").toAbsolutePath().toString());
        for (String line : java.nio.file.Files.readAllLines(Path.of("..", "flink-conf", "config-inference.yaml"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int colon = line.indexOf(": ");
                conf.setString(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
            }
        }

        // Flink can lay out a TaskManager process with these settings ...
        org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec spec =
                org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils.processSpecFromConfig(conf);
        // ... and the off-heap it reserves for tasks is exactly what javacpp may allocate.
        assertThat(conf.get(org.apache.flink.configuration.CoreOptions.FLINK_TM_JVM_OPTIONS))
                .contains("-Dorg.bytedeco.javacpp.maxbytes=768m");
        assertThat(spec.getTaskOffHeapSize().getBytes()).isEqualTo(768L << 20);
    }
}
