package io.llmeval.cli.kafka;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Kafka broker's runtime classpath, which the {@code tools/kafka-broker} module writes to
 * {@code tools/kafka-broker/target/classpath.txt}. Looked up, in order: the system property
 * {@value #PROPERTY}, the environment variable {@value #ENV}, then that relative path under
 * {@code $LLM_EVAL_HOME} (set by {@code bin/llm-eval}) and in every directory above the working directory
 * and above the jobs classes (so the tests find it too).
 */
public final class BrokerClasspath {

    public static final String PROPERTY = "llm-eval.kafka.broker-classpath";
    public static final String ENV = "LLM_EVAL_KAFKA_BROKER_CLASSPATH";
    static final String RELATIVE_PATH = "tools/kafka-broker/target/classpath.txt";

    private BrokerClasspath() {}

    /** The classpath string (entries separated by the platform's path separator). */
    public static String locate() {
        Path file = file();
        try {
            String classpath = Files.readString(file).trim();
            for (String entry : classpath.split(File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException("Kafka broker classpath " + file + " names a missing jar (" + entry
                            + "); rebuild it with 'mvn -B -pl tools/kafka-broker install'");
                }
            }
            return classpath;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Kafka broker classpath " + file + ": " + e.getMessage(), e);
        }
    }

    static Path file() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("Kafka broker classpath file " + file + " (from " + PROPERTY + " / " + ENV
                        + ") does not exist");
            }
            return file;
        }
        List<Path> starts = new ArrayList<>();
        String home = System.getenv("LLM_EVAL_HOME");
        if (home != null && !home.isBlank()) {
            starts.add(Path.of(home).toAbsolutePath());
        }
        starts.add(Path.of("").toAbsolutePath());
        codeLocation().ifPresent(starts::add);
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(RELATIVE_PATH);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no Kafka broker classpath: build it once with 'mvn -B -pl tools/kafka-broker install'"
                + " (looked for " + RELATIVE_PATH + " above " + starts + "; or set -D" + PROPERTY + "=FILE)");
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = BrokerClasspath.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty()
                    : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
