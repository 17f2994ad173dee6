package io.llmeval.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.net.URI;

/**
 * Where the jobs of one backfill run. In-process ({@code bin/llm-eval}) that is one MiniCluster for all of them, so a
 * run of many units starts Flink once instead of once a unit (a second or more each), and its Prometheus reporter keeps
 * its port; under {@code flink run} it is the client's cluster, as for every job.
 */
final class BackfillCluster implements AutoCloseable {

    private final EvalJobSettings settings;
    private final MiniCluster miniCluster;
    private final URI rest;
    private final int slots;

    private BackfillCluster(EvalJobSettings settings, MiniCluster miniCluster, URI rest, int slots) {
        this.settings = settings;
        this.miniCluster = miniCluster;
        this.rest = rest;
        this.slots = slots;
    }

    static BackfillCluster open(EvalJobSettings settings) throws Exception {
        Configuration conf = EvalJob.configuration(settings);
        if (!(StreamExecutionEnvironment.getExecutionEnvironment(conf) instanceof LocalStreamEnvironment)) {
            return new BackfillCluster(settings, null, null, 0); // a client's environment: submit to its cluster
        }
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(RestOptions.ADDRESS, "localhost");
        int slots = settings.parallelism() != null ? settings.parallelism() : Runtime.getRuntime().availableProcessors();
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.start();
        return new BackfillCluster(settings, cluster, cluster.getRestAddress().get(), slots);
    }

    /** A fresh environment for the next job, submitting to this backfill's cluster. */
    StreamExecutionEnvironment environment() {
        Configuration conf = EvalJob.configuration(settings);
        if (miniCluster == null) {
            return StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        // A remote environment's default parallelism is 1, a local one's the cores: keep the local default.
        if (!conf.contains(CoreOptions.DEFAULT_PARALLELISM)) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, slots);
        }
        return StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(), rest.getPort(), conf);
    }

    @Override
    public void close() throws Exception {
        if (miniCluster != null) {
            miniCluster.close();
        }
    }
}
