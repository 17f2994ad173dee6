package io.llmeval.cli.cluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a standalone cluster's pieces are in a project checkout: {@code flink-conf/} (the same config a
 * real deployment uses), the cluster classpath resolved by {@code tools/flink-cluster}, the job jar, and
 * the Java binary to run.
 *
 * @param home the project root
 */
public record ClusterLayout(Path home) {

    /** The project root from {@code LLM_EVAL_HOME} (set by bin/llm-eval), else the first parent holding flink-conf/. */
    public static ClusterLayout discover() {
        String env = System.getenv("LLM_EVAL_HOME");
        if (env != null && !env.isBlank()) {
            return new ClusterLayout(Path.of(env).toAbsolutePath());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("flink-conf/config.yaml"))) {
                return new ClusterLayout(dir);
            }
        }
        throw new IllegalArgumentException("cannot find the project's flink-conf/config.yaml; set LLM_EVAL_HOME");
    }

    public Path confDir() {
        return home.resolve("flink-conf");
    }

    public Path jobJar() {
        return home.resolve("jobs/target/llm-eval-jobs-0.1.0-SNAPSHOT-job.jar");
    }

    /** The cluster's classpath; built by {@code mvn package} (module tools/flink-cluster). */
    public String classpath() {
        Path file = home.resolve("tools/flink-cluster/target/classpath.txt");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file + ": run `mvn -B -DskipTests package` first", e);
        }
    }

    public int restPort() {
        Configuration conf = GlobalConfiguration.loadConfiguration(confDir().toString());
        return conf.get(RestOptions.PORT);
    }

    /** The Java binary running this JVM, so the cluster runs on the same JDK. */
    public Path java() {
        return ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
    }
}
