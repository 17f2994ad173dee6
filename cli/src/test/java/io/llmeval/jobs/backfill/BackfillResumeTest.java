package io.llmeval.jobs.backfill;

import io.llmeval.cli.CliRun;
import io.llmeval.cli.LlmEval;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.OutputFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backfill} killed with SIGKILL (a real {@code llm-eval} JVM, {@code kill -9}) at several points — during its
 * first unit, after some units were committed, during the merge — then run again with {@code --resume} and the same
 * arguments, writes exactly the output of an uninterrupted run (every output directory's lines, sorted). A killed run
 * never leaves an output that looks complete.
 */
class BackfillResumeTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    static Path work;

    static Path logs;
    static Path reference;

    @BeforeAll
    static void generateAndRunUninterrupted() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(12_000, 17, EnumSet.allOf(IncidentType.class))
                .withRecordsPerFile(1_500).withGzip(true).withMalformedRate(0.01);
        new TrafficGenerator(config).writeTo(work.resolve("gen"));
        logs = work.resolve("gen/logs");
        reference = work.resolve("uninterrupted");
        CliRun run = CliRun.of(args(reference).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** Units of about two files, so a run has several to commit. */
    private static List<String> args(Path output) {
        return new ArrayList<>(List.of("backfill", "--input", logs.toString(), "--output", output.toString(),
                "--prometheus-port", "none", "--parallelism", "2", "--conf", "llm-eval.backfill.unit-size=150kb"));
    }

    @Test
    void killedDuringTheFirstUnit() throws Exception {
        killAndResume("first-unit", work -> exists(work.resolve("manifest.json")) && countCommitted(work) == 0
                && exists(work.resolve("units")) && hasAttempt(work.resolve("units")));
    }

    @Test
    void killedAfterSomeUnitsWereCommitted() throws Exception {
        killAndResume("some-units", work -> countCommitted(work) >= 3);
    }

    @Test
    void killedDuringTheMerge() throws Exception {
        killAndResume("merge", work -> exists(work.resolve("final")));
    }

    private void killAndResume(String name, Predicate<Path> killWhen) throws Exception {
        Path output = work.resolve(name);
        Path workDir = work.resolve(name + WorkDir.SUFFIX);
        Process process = start(args(output));
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!killWhen.test(workDir)) {
                assertThat(process.isAlive()).as("the run ended before the kill point '%s'", name).isTrue();
                assertThat(System.nanoTime()).as("kill point '%s' reached in time", name).isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no cleanup
            process.waitFor();
        }
        assertThat(output.resolve(WorkDir.SUCCESS_MARKER)).as("a killed run does not look complete").doesNotExist();

        CliRun resumed = CliRun.of(withResume(args(output)));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(output.resolve(WorkDir.SUCCESS_MARKER)).exists();
        assertThat(workDir).doesNotExist();
        for (String dir : List.of("windows", "windows-csv", "alerts", "dead-letters")) {
            assertThat(OutputFiles.sortedLines(output, dir)).as(dir).isNotEmpty()
                    .isEqualTo(OutputFiles.sortedLines(reference, dir));
        }
    }

    private static String[] withResume(List<String> args) {
        args.add("--resume");
        return args.toArray(String[]::new);
    }

    /** The llm-eval command line in a JVM of its own, with this test's classpath. */
    private static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), LlmEval.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("process-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static boolean exists(Path path) {
        return Files.exists(path);
    }

    private static long countCommitted(Path workDir) {
        Path units = workDir.resolve("units");
        if (!Files.isDirectory(units)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(units)) {
            return entries.filter(u -> Files.exists(u.resolve(WorkDir.UNIT_FILE))).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // listed while the run renames: look again
        }
    }

    private static boolean hasAttempt(Path units) {
        try (Stream<Path> entries = Files.list(units)) {
            return entries.anyMatch(u -> u.getFileName().toString().endsWith(".attempt"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
