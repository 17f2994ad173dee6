package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.udfs.hallucination.HallucinationEvaluation;
import io.llmeval.udfs.hallucination.HallucinationScorer;
import io.llmeval.udfs.hallucination.LabeledResponse;
import io.llmeval.udfs.text.TokenizerMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code llm-eval eval-hallucination}: how well each hallucination signal and the combined score separate the
 * hallucinated from the right answers of a HaluEval QA file (hallucinated = positive).
 *
 * <pre>
 * llm-eval eval-hallucination --halueval FILE [--tokenizer rouge-score|unicode] [--folds K] [--threshold T]
 * </pre>
 *
 * <p>Prints one row per signal: AUROC, AUPRC (average precision), the best-F1 threshold and its F1, and the
 * AUROC over length-matched pairs only; then precision/recall at the threshold, the K-fold cross-validated
 * AUROC of the refitted lexical model and the weights refitted on the whole file. Each line of the file is
 * {@code {"knowledge","question","right_answer","hallucinated_answer"}} and gives two examples.
 */
@Command(name = "eval-hallucination", mixinStandardHelpOptions = true,
        description = {"Evaluate the hallucination signals on a HaluEval QA file (JSON lines "
                + "{\"knowledge\",\"question\",\"right_answer\",\"hallucinated_answer\"}).",
            "Prints AUROC, AUPRC, best-F1 threshold and F1, and length-matched AUROC per signal, "
                    + "plus a cross-validated refit."})
public class EvalHallucinationCommand extends BaseCommand {

    @Option(names = "--halueval", required = true, paramLabel = "FILE", description = "HaluEval qa_*.json file.")
    Path haluEval;

    @Option(names = "--tokenizer", paramLabel = "rouge-score|unicode", converter = TokenizerModeConverter.class,
            description = "Tokenizer (default: rouge-score).")
    TokenizerMode tokenizer = TokenizerMode.ROUGE_SCORE;

    @Option(names = "--folds", paramLabel = "K", description = "Cross-validation folds, >= 2 (default: 5).")
    int folds = 5;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Threshold to report precision/recall at (default: "
                    + HallucinationScorer.DEFAULT_THRESHOLD + ").")
    double threshold = HallucinationScorer.DEFAULT_THRESHOLD;

    @Override
    protected int execute() throws IOException {
        HallucinationScorer scorer;
        try {
            if (folds < 2) {
                throw new IllegalStateException("--folds must be >= 2, got " + folds);
            }
            scorer = HallucinationScorer.builder().tokenizerMode(tokenizer).threshold(threshold).build();
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<LabeledResponse> examples = read(haluEval);
        HallucinationEvaluation.Report report = HallucinationEvaluation.evaluate(examples, scorer, folds);
        out().printf("HaluEval file: %s (tokenizer %s)%n", haluEval.getFileName(),
                tokenizer.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        out().print(report.table());
        out().flush();
        return ExitCodes.OK;
    }

    /** Two labelled examples per line; a line without the four string fields fails with its number. */
    static List<LabeledResponse> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabeledResponse> examples = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            int group = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": not valid JSON");
                }
                String knowledge = text(node, "knowledge", file, number);
                String question = text(node, "question", file, number);
                examples.add(new LabeledResponse(group + "-right", text(node, "right_answer", file, number),
                        knowledge, question, false, group));
                examples.add(new LabeledResponse(group + "-hallucinated",
                        text(node, "hallucinated_answer", file, number), knowledge, question, true, group));
                group++;
            }
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no HaluEval lines");
        }
        return examples;
    }

    private static String text(JsonNode node, String field, Path file, int line) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(file + " line " + line + ": missing string field '" + field + "'");
        }
        return value.textValue();
    }
}
