package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code llm-eval rouge}, run in-process. */
class RougeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static CliRun runWithStdin(String stdin, String... args) {
        return CliRun.withStdin(stdin, args);
    }

    @Test
    void scoresEveryLineInInputOrder(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("pairs.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"id\":\"a\",\"reference\":\"The quick brown fox jumps over the lazy dog\","
                        + "\"candidate\":\"The quick brown dog jumps on the log.\"}",
                "{\"id\":7,\"reference\":\"the cats were running\",\"candidate\":\"the cat runs\"}",
                ""));
        CliRun run = run("rouge", "--input", input.toString(), "--stem");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> records = run.records();
        assertThat(records).hasSize(2);
        JsonNode first = records.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "rouge1", "rouge2", "rougeL", "rougeLsum");
        assertThat(first.get("id").asText()).isEqualTo("a");
        // 6 of 8 candidate unigrams, 6 of 9 reference unigrams (same figures as RougeScorerTest).
        assertThat(first.get("rouge1").get("p").asDouble()).isEqualTo(0.75);
        assertThat(first.get("rouge1").get("r").asDouble()).isEqualTo(6.0 / 9);
        assertThat(first.get("rougeL").get("f").asDouble()).isEqualTo(2 * (5.0 / 8) * (5.0 / 9) / (5.0 / 8 + 5.0 / 9));
        JsonNode second = records.get(1);
        assertThat(second.get("id").asInt()).isEqualTo(7);
        // Stemmed: cat/run match; "the" matches: 3 of 3 candidate tokens.
        assertThat(second.get("rouge1").get("p").asDouble()).isEqualTo(1.0);
    }

    @Test
    void metricsAndTokenizerAreSelectable() throws Exception {
        CliRun run = runWithStdin("{\"id\":\"x\",\"reference\":\"Hà Nội có 12 quận\",\"candidate\":\"Hà Nội có 30 quận\"}\n",
                "rouge", "--tokenizer", "unicode", "--metrics", "rouge1,rougeL");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode record = run.records().get(0);
        assertThat(record.fieldNames()).toIterable().containsExactly("id", "rouge1", "rougeL");
        assertThat(record.get("rouge1").get("f").asDouble()).isCloseTo(0.8, within(1e-12)); // 4 of 5 words

        CliRun rougeScore = runWithStdin("{\"id\":\"x\",\"reference\":\"Hà Nội có 12 quận\",\"candidate\":\"Hà Nội có 30 quận\"}\n",
                "rouge", "--metrics", "rouge1");
        // rouge_score's tokenizer cuts the Vietnamese words into h n i c 12 qu n: 6 of 7 tokens.
        assertThat(rougeScore.records().get(0).get("rouge1").get("f").asDouble()).isCloseTo(6.0 / 7, within(1e-12));
    }

    @Test
    void badLinesBecomeErrorRecordsAndTheCommandSucceeds(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("bad.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"id\":\"ok\",\"reference\":\"a b\",\"candidate\":\"a b\"}",
                "not json",
                "[1,2]",
                "{\"id\":\"no-candidate\",\"reference\":\"a\"}",
                "{\"id\":\"number\",\"reference\":\"a\",\"candidate\":5}",
                "{\"reference\":\"x\",\"candidate\":\"x\"}",
                "{\"id\":\"last\",\"reference\":\"\",\"candidate\":\"\"}"));
        Path output = dir.resolve("out.jsonl");
        CliRun run = run("rouge", "--input", input.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("4 of 7 lines could not be scored");
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(7);
        assertThat(JSON.readTree(lines.get(0)).get("rouge1").get("f").asDouble()).isEqualTo(1.0);
        assertThat(JSON.readTree(lines.get(1)).get("error").asText()).startsWith("not valid JSON");
        assertThat(JSON.readTree(lines.get(1)).get("id").isNull()).isTrue();
        assertThat(lines.get(2)).isEqualTo("{\"id\":null,\"error\":\"not a JSON object\"}");
        assertThat(lines.get(3)).isEqualTo("{\"id\":\"no-candidate\",\"error\":\"missing field 'candidate'\"}");
        assertThat(lines.get(4)).isEqualTo("{\"id\":\"number\",\"error\":\"field 'candidate' must be a string, got number\"}");
        assertThat(JSON.readTree(lines.get(5)).get("id").isNull()).isTrue();
        assertThat(JSON.readTree(lines.get(5)).get("rouge1").get("f").asDouble()).isEqualTo(1.0);
        assertThat(JSON.readTree(lines.get(6)).get("rougeL").get("p").asDouble()).isZero();
    }

    @Test
    void unusableOptionsAndInputsGiveOneLineAndAnExitCode(@TempDir Path dir) {
        CliRun badMetric = run("rouge", "--metrics", "rouge1,bleu");
        assertThat(badMetric.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badMetric.err().strip()).startsWith("llm-eval: --metrics: unknown ROUGE metric 'bleu'")
                .doesNotContain("\n");
        CliRun badTokenizer = run("rouge", "--tokenizer", "spaces");
        assertThat(badTokenizer.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTokenizer.err()).contains("'spaces' is not a tokenizer; valid: rouge-score, unicode");
        CliRun missing = run("rouge", "--input", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err().strip()).isEqualTo("llm-eval: no such file: " + dir.resolve("nope.jsonl"));
    }
}
