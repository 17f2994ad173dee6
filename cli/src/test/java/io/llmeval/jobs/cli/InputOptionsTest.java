package io.llmeval.jobs.cli;

import io.llmeval.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --input-format}, {@code --field-map} and {@code --prices} of {@code stream}/{@code backfill}: unusable values
 * stop the command before any job runs, with one line naming the bad key (exit code 3), and nothing is written.
 */
class InputOptionsTest {

    private static CliRun backfill(Path dir, String... options) {
        String[] args = new String[4 + options.length];
        args[0] = "backfill";
        args[1] = "--input";
        args[2] = dir.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = "--output=" + dir.resolve("out");
        return CliRun.of(args);
    }

    @Test
    void anUnknownInputFormatIsRejected(@TempDir Path dir) {
        CliRun run = backfill(dir, "--input-format", "otlp-proto");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo(
                "llm-eval: llm-eval.input.format (--input-format) must be one of [jsonl, otlp-json], got 'otlp-proto'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aFieldMapWithAnUnknownKeyIsRejectedNamingIt(@TempDir Path dir) throws Exception {
        Path map = Files.writeString(dir.resolve("map.json"),
                "{\"request_id\":\"/id\",\"timestamp\":\"/t\",\"model\":\"/m\",\"latency_ms\":\"/l\",\"modle\":\"/x\"}");

        CliRun run = backfill(dir, "--field-map", map.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).startsWith("llm-eval: field map " + map + ": unknown key 'modle'");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void aFieldMapDoesNotGoWithSpans(@TempDir Path dir) throws Exception {
        Path map = Files.writeString(dir.resolve("map.json"),
                "{\"request_id\":\"/id\",\"timestamp\":\"/t\",\"model\":\"/m\",\"latency_ms\":\"/l\"}");

        CliRun run = backfill(dir, "--field-map", map.toString(), "--input-format", "otlp-json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("does not apply to input format otlp-json");
    }

    @Test
    void aPriceTableWithABadEntryIsRejectedNamingEntryAndKey(@TempDir Path dir) throws Exception {
        Path prices = Files.writeString(dir.resolve("prices.yaml"),
                "- {match: 'gpt-4o-mini', input_per_mtok: 0.15, output_per_mtok: 0.60}\n- {match: 'x', input_per_mtok: 1}\n");

        CliRun run = backfill(dir, "--prices", prices.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("llm-eval: " + prices + ": entry 2: 'output_per_mtok' is required");
    }

    @Test
    void aMissingPriceFileIsUnusableInput(@TempDir Path dir) {
        CliRun run = backfill(dir, "--prices", dir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("llm-eval: no such file: " + dir.resolve("nope.yaml"));
    }
}
