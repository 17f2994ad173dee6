package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static io.llmeval.cli.RougeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm-eval eval-hallucination}, run in-process on a tiny file and on the HaluEval development file. */
class EvalHallucinationCommandTest {

    private static final String LINE = "{\"knowledge\":\"%s\",\"question\":\"q\",\"right_answer\":\"%s\","
            + "\"hallucinated_answer\":\"%s\"}";

    @Test
    void printsOneRowPerSignal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, String.join("\n",
                String.format(LINE, "The Oberoi Group has its head office in Delhi.", "Delhi", "Mumbai"),
                String.format(LINE, "Paris is the capital of France.", "Paris", "Lyon is the capital."),
                String.format(LINE, "Hanoi has 12 urban districts.", "12", "It has 30 districts.")));
        CliRun run = run("eval-hallucination", "--halueval", file.toString(), "--folds", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("examples: 6 (3 hallucinated)")
                .contains("signal", "AUROC", "AUPRC", "best-F1 t", "F1", "AUROC-LM")
                .contains("3-fold cross-validated AUROC")
                .contains("response_tokens (baseline, not a signal)");
        String combined = run.out().lines().filter(l -> l.startsWith("hallucination_score ")).findFirst().orElseThrow();
        assertThat(combined.trim().split("\\s+")[1]).isEqualTo("1.0000");
    }

    @Test
    void haluEvalDevelopmentFileReachesTheTarget() {
        Path file = Paths.get("..", "data", "halueval", "qa_one-turn_data.json");
        assertThat(file).as("HaluEval development file (the repository's data/, from the module directory)").isRegularFile();
        CliRun run = run("eval-hallucination", "--halueval", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("examples: 1000 (500 hallucinated)");
        String combined = run.out().lines().filter(l -> l.startsWith("hallucination_score ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(combined.trim().split("\\s+")[1])).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void unusableFilesExitWithThree(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"knowledge\":\"k\",\"question\":\"q\",\"right_answer\":\"a\"}\n");
        CliRun run = run("eval-hallucination", "--halueval", broken.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("llm-eval: " + broken + " line 1: missing string field "
                + "'hallucinated_answer'");
        CliRun missing = run("eval-hallucination", "--halueval", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRun folds = run("eval-hallucination", "--halueval", broken.toString(), "--folds", "1");
        assertThat(folds.exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
