package io.llmeval.cli.sql;

import io.llmeval.cli.cluster.ClusterLayout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The jars Flink's SQL client runs from: its classpath and the job jar it loads with {@code --jar} (our functions
 * and the Kafka SQL connector), from this checkout or from a Flink distribution.
 *
 * <pre>{@code
 * ClusterLayout layout = ClusterLayout.discover();
 * SqlClientJars checkout = SqlClientJars.ofCheckout(layout, layout.jobJar());
 * SqlClientJars image = SqlClientJars.ofDistribution(Path.of("/opt/flink"), Path.of("/opt/flink/usrlib/llm-eval-jobs.jar"));
 * }</pre>
 *
 * @param java the Java binary to start the client with
 * @param classpath the client's classpath, in order
 * @param jobJar the job jar
 */
public record SqlClientJars(Path java, List<Path> classpath, Path jobJar) {

    static final String CLASSPATH_FILE = "tools/sql-client/target/classpath.txt";
    /**
     * What {@code bin/sql-client.sh} adds from a distribution's opt/ to its lib/, in its order: Python (whose
     * options the client parses), the SQL gateway (embedded mode runs one in-process), the SQL client.
     */
    static final List<String> DISTRIBUTION_OPT_JARS = List.of("flink-python", "flink-sql-gateway", "flink-sql-client");

    /**
     * This checkout's client: the jars {@code tools/sql-client} resolved (a distribution's lib/ and the opt/ jars
     * above), each checked to be there, and a job jar ({@code jobs/target}'s, {@link ClusterLayout#jobJar()}).
     *
     * @throws IllegalArgumentException when the job jar is missing
     */
    public static SqlClientJars ofCheckout(ClusterLayout layout, Path jobJar) {
        Path file = layout.home().resolve(CLASSPATH_FILE);
        List<Path> classpath = new ArrayList<>();
        try {
            for (String entry : Files.readString(file).trim().split(File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException(file + " names a missing jar (" + entry
                            + "); rebuild it with 'mvn -B -pl tools/sql-client install'");
                }
                classpath.add(Path.of(entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file + ": build it with 'mvn -B -pl tools/sql-client install'", e);
        }
        checkJobJar(jobJar);
        return new SqlClientJars(ClusterLayout.currentJava(), List.copyOf(classpath), jobJar);
    }

    /**
     * A Flink 2.x distribution's client, as its {@code bin/sql-client.sh} puts it together: every jar of
     * {@code lib/}, then {@code opt/}'s Python, SQL gateway and SQL client jars.
     *
     * @throws IllegalArgumentException when {@code flinkHome} lacks one of them, or the job jar is missing
     */
    public static SqlClientJars ofDistribution(Path flinkHome, Path jobJar) throws IOException {
        if (!Files.isDirectory(flinkHome.resolve("lib")) || !Files.isDirectory(flinkHome.resolve("opt"))) {
            throw new IllegalArgumentException(flinkHome + " is not a Flink distribution (no lib/ and opt/)");
        }
        checkJobJar(jobJar);
        List<Path> classpath = new ArrayList<>(jars(flinkHome.resolve("lib"), Pattern.compile(".*\\.jar")));
        for (String name : DISTRIBUTION_OPT_JARS) {
            // NAME-VERSION.jar: flink-sql-gateway-2.3.0.jar, not flink-sql-gateway-api-2.3.0.jar.
            List<Path> found = jars(flinkHome.resolve("opt"), Pattern.compile(Pattern.quote(name) + "-\\d[^/]*\\.jar"));
            if (found.size() != 1) {
                throw new IllegalArgumentException("expected one " + flinkHome.resolve("opt").resolve(name + "-<version>.jar")
                        + ", found " + found.size());
            }
            classpath.addAll(found);
        }
        return new SqlClientJars(ClusterLayout.currentJava(), List.copyOf(classpath), jobJar);
    }

    /** The classpath as the {@code -cp} argument. */
    public String classpathArgument() {
        return String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList());
    }

    private static void checkJobJar(Path jobJar) {
        if (!Files.isRegularFile(jobJar)) {
            throw new IllegalArgumentException("job jar not found: " + jobJar + " (build it with 'mvn -B -DskipTests package')");
        }
    }

    private static List<Path> jars(Path dir, Pattern name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> name.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }
}
