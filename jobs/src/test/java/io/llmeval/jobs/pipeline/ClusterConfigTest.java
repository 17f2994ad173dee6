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
}
