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
 * first unit, after some units were committed, during the merge — and run again each time with {@code --resume} and the
 * same arguments, writes exactly the output of an uninterrupted run (every output directory's lines, sorted). A killed
 * run never leaves an output that looks complete.
 */
class BackfillResumeTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    static Path work;

    static Path logs;
    static Path reference;

    @BeforeAll
    static void generateAndRunUninterrupted() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(12_000, 17, EnumSet.of(IncidentType.LATENCY_SPIKE, IncidentType.ERROR_BURST))
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

    /**
     * One run killed three times, each resume reaching further: during its first unit, after some units were
     * committed, during the merge; the last resume finishes.
     */
    @Test
    void killedDuringAUnitAfterCommittedUnitsAndDuringTheMergeThenResumed() throws Exception {
        Path output = work.resolve("interrupted");
        Path workDir = work.resolve("interrupted" + WorkDir.SUFFIX);
        runAndKill(args(output), "first unit", w -> exists(w.resolve("manifest.json")) && countCommitted(w) == 0
                && exists(w.resolve("units")) && hasAttempt(w.resolve("units")));
        long committedBefore = countCommitted(workDir);
        runAndKill(withResume(args(output)), "some units", w -> countCommitted(w) >= committedBefore + 2);
        runAndKill(withResume(args(output)), "merge", w -> exists(w.resolve("final")));

        CliRun resumed = CliRun.of(withResume(args(output)).toArray(String[]::new));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(output.resolve(WorkDir.SUCCESS_MARKER)).exists();
        assertThat(workDir).doesNotExist();
        for (String dir : List.of("windows", "windows-csv", "alerts", "dead-letters")) {
            assertThat(OutputFiles.sortedLines(output, dir)).as(dir).isNotEmpty()
                    .isEqualTo(OutputFiles.sortedLines(reference, dir));
        }
    }

    /** Starts the command in its own JVM and kills it (SIGKILL) once {@code killWhen} holds for its work directory. */
    private static void runAndKill(List<String> args, String point, Predicate<Path> killWhen) throws Exception {
        Path output = Path.of(args.get(args.indexOf("--output") + 1));
        Path workDir = output.resolveSibling(output.getFileName() + WorkDir.SUFFIX);
        Process process = start(args);
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!killWhen.test(workDir)) {
                assertThat(process.isAlive()).as("the run ended before the kill point '%s'", point).isTrue();
                assertThat(System.nanoTime()).as("kill point '%s' reached in time", point).isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no cleanup
            process.waitFor();
        }
        assertThat(output.resolve(WorkDir.SUCCESS_MARKER)).as("killed at '%s': not complete", point).doesNotExist();
    }

    private static List<String> withResume(List<String> args) {
        args.add("--resume");
        return args;
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
