package io.llmeval.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmeval.udfs.hallucination.HallucinationResult;
import io.llmeval.udfs.hallucination.HallucinationScorer;
import io.llmeval.udfs.text.TokenizerMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/**
 * {@code llm-eval hallucination}: hallucination signals and the combined score for JSON lines of
 * {@code {"id","response","reference"[,"prompt"][,"mean_logprob"][,"semantic_similarity"]}}, one output line
 * each, in input order (see docs/hallucination.md for the signals and the formula).
 *
 * <pre>
 * llm-eval hallucination [--input FILE] [--output FILE] [--tokenizer rouge-score|unicode] [--threshold T]
 * </pre>
 *
 * <p>Output: {@code {"id","hallucination_score","hallucinated", <every signal by name>,
 * "unsupported_entities":[..],"unsupported_numbers":[..]}}. A bad line gives {@code {"id":..,"error":".."}};
 * the command still exits 0.
 */
@Command(name = "hallucination", mixinStandardHelpOptions = true,
        description = {"Score JSON lines {\"id\",\"response\",\"reference\"[,\"prompt\"][,\"mean_logprob\"]"
                + "[,\"semantic_similarity\"]} for hallucination.",
            "Writes {\"id\",\"hallucination_score\",\"hallucinated\",<signals>} per line in input order; bad lines "
                    + "give {\"id\",\"error\"}."})
public class HallucinationCommand extends JsonLinesScoringCommand {

    @Option(names = "--tokenizer", paramLabel = "rouge-score|unicode", converter = TokenizerModeConverter.class,
            description = "Tokenizer for the content-word signals and ROUGE (default: rouge-score; unicode for "
                    + "non-English text).")
    TokenizerMode tokenizer = TokenizerMode.ROUGE_SCORE;

    @Option(names = "--threshold", paramLabel = "T",
            description = "hallucinated = hallucination_score >= T, T in [0, 1] (default: "
                    + HallucinationScorer.DEFAULT_THRESHOLD + ").")
    double threshold = HallucinationScorer.DEFAULT_THRESHOLD;

    private HallucinationScorer scorer;

    @Override
    protected void prepare() {
        try {
            scorer = HallucinationScorer.builder().tokenizerMode(tokenizer).threshold(threshold).build();
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threshold: " + e.getMessage());
        }
    }

    @Override
    protected void score(JsonNode line, ObjectNode out) {
        String response = requiredText(line, "response");
        String reference = requiredText(line, "reference");
        String prompt = optionalText(line, "prompt");
        Double meanLogprob = optionalNumber(line, "mean_logprob");
        Double semanticSimilarity = optionalNumber(line, "semantic_similarity");
        HallucinationResult result = scorer.score(response, reference, prompt, meanLogprob, semanticSimilarity);
        out.put("hallucination_score", result.hallucinationScore());
        out.put("hallucinated", result.hallucinated());
        for (Map.Entry<String, Double> signal : result.signals().entrySet()) {
            out.put(signal.getKey(), signal.getValue());
        }
        strings(out.putArray("unsupported_entities"), result.unsupportedEntities());
        strings(out.putArray("unsupported_numbers"), result.unsupportedNumbers());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
