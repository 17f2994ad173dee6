package io.llmeval.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees on the console of {@code bin/llm-eval demo} (fast replay) and {@code stream --bounded}: the
 * command's own lines, never a Java stack trace (Flink's log goes to the file the commands name). Runs the real
 * script after {@code package} (failsafe), with a log file of its own.
 */
class ConsoleOutputIT {

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$/]+\\(.*\\)\\s*$|^\\s*\\.\\.\\. \\d+ more\\s*$|^Caused by: ");

    @TempDir
    Path dir;

    private ProcessResult llmEval(String... args) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/llm-eval").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile());
        builder.environment().put("LLM_EVAL_SKIP_BUILD", "1");
        builder.environment().put("LLM_EVAL_LOG_FILE", dir.resolve("llm-eval.log").toString());
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("finished").isTrue();
        return new ProcessResult(process.exitValue(), Files.readAllLines(dir.resolve("console.txt")));
    }

    private record ProcessResult(int exitCode, List<String> console) {}

    @Test
    void theDemoAndABoundedStreamShowNoStackTrace() throws Exception {
        ProcessResult demo = llmEval("demo", "--output", dir.resolve("demo").toString(), "--replay-rate", "6000",
                "--no-drift", "--prometheus-port", "none");
        assertThat(demo.exitCode()).as(String.join("\n", demo.console())).isZero();
        assertThat(demo.console()).as("the demo's console").noneMatch(line -> STACK_FRAME.matcher(line).find())
                .anyMatch(line -> line.contains("Report: "))
                .anyMatch(line -> line.contains("Flink's log: " + dir.resolve("llm-eval.log")));
        assertThat(dir.resolve("llm-eval.log")).as("Flink's own lines went to the log file").isNotEmptyFile();

        ProcessResult stream = llmEval("stream", "--input", dir.resolve("demo/logs").toString(), "--bounded",
                "--output", dir.resolve("stream").toString(), "--prometheus-port", "none");
        assertThat(stream.exitCode()).as(String.join("\n", stream.console())).isZero();
        assertThat(stream.console()).noneMatch(line -> STACK_FRAME.matcher(line).find())
                .anyMatch(line -> line.startsWith("llm-eval stream: wrote "));
    }
}
