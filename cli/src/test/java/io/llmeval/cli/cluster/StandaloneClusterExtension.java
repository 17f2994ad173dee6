package io.llmeval.cli.cluster;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real standalone cluster for a test class: JobManager and {@code taskManagers} TaskManagers as separate
 * JVMs with the project's flink-conf/, started before the class and stopped (by PID) after it.
 */
public final class StandaloneClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final int taskManagers;
    private ClusterLayout layout;
    private StandaloneCluster cluster;

    public StandaloneClusterExtension(int taskManagers) {
        this.taskManagers = taskManagers;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        layout = new ClusterLayout(Path.of("..").toAbsolutePath().normalize());
        cluster = new StandaloneCluster(layout, Files.createTempDirectory("llm-eval-cluster-"));
        cluster.start(taskManagers);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.stop();
        }
    }

    public StandaloneCluster cluster() {
        return cluster;
    }

    public ClusterLayout layout() {
        return layout;
    }
}
