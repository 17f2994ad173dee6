package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmeval.udfs.hallucination.HallucinationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.llmeval.cli.RougeCommandTest.run;
import static io.llmeval.cli.RougeCommandTest.runWithStdin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code llm-eval hallucination}, run in-process. */
class HallucinationCommandTest {

    private static final String PASSAGE = "The Oberoi Group is a hotel company with its head office in Delhi.";

    @Test
    void writesTheScoreTheDecisionAndEverySignal(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("responses.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"id\":\"right\",\"response\":\"Delhi\",\"reference\":\"" + PASSAGE + "\",\"prompt\":\"Where?\"}",
                "{\"id\":\"wrong\",\"response\":\"Mumbai, the financial capital of India.\",\"reference\":\""
                        + PASSAGE + "\"}",
                "{\"id\":\"quantity\",\"response\":\"100 quận\",\"reference\":\"12 quận\",\"mean_logprob\":-0.1,"
                        + "\"semantic_similarity\":null}"));
        CliRun run = run("hallucination", "--input", input.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> records = run.records();
        assertThat(records).hasSize(3);
        List<String> expectedFields = new ArrayList<>(List.of("id", "hallucination_score", "hallucinated"));
        expectedFields.addAll(HallucinationResult.SIGNAL_NAMES);
        expectedFields.addAll(List.of("unsupported_entities", "unsupported_numbers"));
        assertThat(records.get(0).fieldNames()).toIterable().containsExactlyElementsOf(expectedFields);

        JsonNode right = records.get(0);
        assertThat(right.get("hallucinated").asBoolean()).isFalse();
        assertThat(right.get("unsupported_ratio").asDouble()).isZero();
        assertThat(right.get("mean_logprob").isNull()).isTrue();
        JsonNode wrong = records.get(1);
        assertThat(wrong.get("hallucinated").asBoolean()).isTrue();
        assertThat(wrong.get("unsupported_entities").get(0).asText()).isEqualTo("Mumbai");
        JsonNode quantity = records.get(2);
        assertThat(quantity.get("number_mismatch").asDouble()).isEqualTo(1.0);
        assertThat(quantity.get("unsupported_numbers").get(0).asText()).isEqualTo("100");
        assertThat(quantity.get("mean_logprob").asDouble()).isEqualTo(-0.1);
        assertThat(quantity.get("hallucination_score").asDouble()).isCloseTo(
                (0.6 * quantity.get("lexical_score").asDouble() + 0.15 * (1 - Math.exp(-0.1))) / 0.75,
                within(1e-12));
    }

    @Test
    void thresholdDecidesAndBadLinesBecomeErrorRecords() throws Exception {
        String stdin = String.join("\n",
                "{\"id\":1,\"response\":\"Delhi\",\"reference\":\"" + PASSAGE + "\"}",
                "{\"id\":2,\"response\":\"Delhi\"}",
                "{\"id\":3,\"response\":\"Delhi\",\"reference\":\"x\",\"mean_logprob\":\"high\"}",
                "{\"id\":4,\"response\":\"Delhi\",\"reference\":\"x\",\"prompt\":42}",
                "{oops",
                "");
        CliRun run = runWithStdin(stdin, "hallucination", "--threshold", "0", "--tokenizer", "unicode");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> records = run.records();
        assertThat(records).hasSize(5);
        assertThat(records.get(0).get("hallucinated").asBoolean()).isTrue(); // threshold 0 flags everything
        assertThat(records.get(1).toString()).isEqualTo("{\"id\":2,\"error\":\"missing field 'reference'\"}");
        assertThat(records.get(2).toString())
                .isEqualTo("{\"id\":3,\"error\":\"field 'mean_logprob' must be a number or null\"}");
        assertThat(records.get(3).toString())
                .isEqualTo("{\"id\":4,\"error\":\"field 'prompt' must be a string or null\"}");
        assertThat(records.get(4).get("error").asText()).startsWith("not valid JSON");
    }

    @Test
    void thresholdOutsideTheUnitIntervalIsAUsageError() {
        CliRun run = run("hallucination", "--threshold", "1.5");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip())
                .startsWith("llm-eval: --threshold: hallucination threshold must be in [0, 1], got 1.5");
    }
}
