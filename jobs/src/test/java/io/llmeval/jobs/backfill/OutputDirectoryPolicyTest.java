package io.llmeval.jobs.backfill;

import io.llmeval.jobs.cli.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backfill} never mixes outputs: a non-empty {@code --output} is refused (exit 2, nothing written) unless
 * {@code --overwrite} (replaced once the new run succeeded) or {@code --resume} (an interrupted run with the same
 * arguments); a complete output ends in {@code _SUCCESS}.
 */
class OutputDirectoryPolicyTest {

    @TempDir
    static Path dir;

    static Path input;

    @BeforeAll
    static void copyInput() throws Exception {
        input = dir.resolve("logs");
        Files.createDirectories(input);
        for (Path file : Files.list(io.llmeval.jobs.source.JsonLinesFileFormatTest.archive()).toList()) {
            if (file.getFileName().toString().endsWith("a-good.jsonl.gz") || file.getFileName().toString().endsWith("e-plain.jsonl")) {
                Files.copy(file, input.resolve(file.getFileName()));
            }
        }
    }

    private static JobsCliRun backfill(Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("backfill", "--input", input.toString(), "--output", output.toString(),
                "--prometheus-port", "none", "--parallelism", "1"));
        args.addAll(List.of(extra));
        return JobsCliRun.of(args.toArray(String[]::new));
    }

    /** Every file below {@code root} with its contents, for "nothing changed". */
    static TreeMap<String, String> snapshot(Path root) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void aSecondRunIntoTheSameOutputIsRefusedAndChangesNothing() throws Exception {
        Path output = dir.resolve("out-twice");
        JobsCliRun first = backfill(output);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(output.resolve(WorkDir.SUCCESS_MARKER)).exists();
        assertThat(first.err()).contains("llm-eval backfill: wrote " + output).contains("records: 230 counted in");
        TreeMap<String, String> before = snapshot(output);

        JobsCliRun again = backfill(output);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err().strip()).hasLineCount(1)
                .startsWith("llm-eval: " + output + " is not empty: --overwrite replaces it");
        assertThat(snapshot(output)).isEqualTo(before);
        assertThat(dir.resolve("out-twice" + WorkDir.SUFFIX)).doesNotExist();

        JobsCliRun resume = backfill(output, "--resume");
        assertThat(resume.exitCode()).isZero();
        assertThat(resume.err()).contains("nothing to resume");
        assertThat(snapshot(output)).isEqualTo(before);
    }

    @Test
    void overwriteReplacesTheOldOutputOnlyOnceTheNewRunSucceeded() throws Exception {
        Path output = dir.resolve("out-overwrite");
        Files.createDirectories(output.resolve("windows"));
        Files.writeString(output.resolve("windows/old-run.jsonl"), "{\"stale\":true}\n");

        JobsCliRun failing = JobsCliRun.of("backfill", "--input", dir.resolve("no-such-logs").toString(), "--output",
                output.toString(), "--overwrite", "--prometheus-port", "none");
        assertThat(failing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(output.resolve("windows/old-run.jsonl")).as("the old output is intact").exists();

        JobsCliRun run = backfill(output, "--overwrite");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(output.resolve("windows/old-run.jsonl")).doesNotExist();
        assertThat(output.resolve(WorkDir.SUCCESS_MARKER)).exists();
        assertThat(dir.resolve("out-overwrite" + WorkDir.SUFFIX)).doesNotExist();
    }

    @Test
    void resumeRefusesWhatIsNotAnInterruptedBackfillAndContradictoryFlags() throws Exception {
        Path output = dir.resolve("out-foreign");
        Files.createDirectories(output);
        Files.writeString(output.resolve("notes.txt"), "mine");

        assertThat(backfill(output, "--resume").exitCode()).isEqualTo(ExitCodes.USAGE);
        JobsCliRun both = backfill(output, "--resume", "--overwrite");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--overwrite and --resume contradict each other");
        assertThat(Files.readString(output.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void anInterruptedRunIsNeitherMixedNorResumedWithOtherArguments() throws Exception {
        Path output = dir.resolve("out-interrupted");
        Path work = dir.resolve("out-interrupted" + WorkDir.SUFFIX);
        // What a killed run leaves: its manifest (written before the first unit) and a half-written attempt.
        BackfillPlan plan = BackfillPlan.of(List.of(input.toString()), io.llmeval.jobs.pipeline.TimeRange.ALL, 0,
                1 << 30, 1, java.util.Map.of("llm-eval.window.size", "5 min"));
        new WorkDir(output.toString()).open(plan, OutputPolicy.FRESH);
        Files.createDirectories(work.resolve("units/.unit-00000-x.attempt"));

        JobsCliRun fresh = backfill(output);
        assertThat(fresh.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fresh.err()).contains("left its work in " + work).contains("--resume finishes it");

        JobsCliRun other = backfill(output, "--resume");
        assertThat(other.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(other.err()).contains("was started with other arguments or input files");
        assertThat(output).doesNotExist();

        JobsCliRun same = backfill(output, "--resume", "--window", "5min");
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(output.resolve(WorkDir.SUCCESS_MARKER)).exists();
        assertThat(work).doesNotExist();
    }
}
