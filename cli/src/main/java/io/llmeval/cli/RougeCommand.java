package io.llmeval.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmeval.udfs.rouge.RougeMetric;
import io.llmeval.udfs.rouge.RougeScore;
import io.llmeval.udfs.rouge.RougeScorer;
import io.llmeval.udfs.rouge.RougeScores;
import io.llmeval.udfs.text.TokenizerMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code llm-eval rouge}: exact ROUGE (Google's rouge_score numbers) for JSON lines of
 * {@code {"id","reference","candidate"}}, one output line each, in input order.
 *
 * <pre>
 * llm-eval rouge [--stem] [--tokenizer rouge-score|unicode] [--metrics rouge1,rouge2,rougeL,rougeLsum]
 *                [--input FILE] [--output FILE]
 * </pre>
 *
 * <p>Output: {@code {"id":..,"rouge1":{"p":..,"r":..,"f":..},...}}, metrics in the order given. A bad line
 * gives {@code {"id":..,"error":".."}}; the command still exits 0.
 */
@Command(name = "rouge", mixinStandardHelpOptions = true,
        description = {"Score JSON lines {\"id\",\"reference\",\"candidate\"} with ROUGE (rouge_score parity).",
            "Writes {\"id\",\"rouge1\":{\"p\",\"r\",\"f\"},...} per line in input order; bad lines give "
                    + "{\"id\",\"error\"}."})
public class RougeCommand extends JsonLinesScoringCommand {

    @Option(names = "--stem", description = "Stem tokens longer than 3 characters with NLTK's Porter stemmer.")
    boolean stem;

    @Option(names = "--tokenizer", paramLabel = "rouge-score|unicode", converter = TokenizerModeConverter.class,
            description = "Tokenizer (default: rouge-score).")
    TokenizerMode tokenizer = TokenizerMode.ROUGE_SCORE;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            description = "Comma list of rouge<N>, rougeL, rougeLsum (default: rouge1,rouge2,rougeL,rougeLsum).")
    List<String> metrics = List.of("rouge1", "rouge2", "rougeL", "rougeLsum");

    private RougeScorer scorer;

    @Override
    protected void prepare() {
        List<RougeMetric> parsed = new ArrayList<>();
        try {
            for (String name : metrics) {
                parsed.add(RougeMetric.parse(name));
            }
            scorer = RougeScorer.builder().metrics(parsed).useStemmer(stem).tokenizerMode(tokenizer).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--metrics: " + e.getMessage());
        }
    }

    @Override
    protected void score(JsonNode line, ObjectNode out) {
        String reference = requiredText(line, "reference");
        String candidate = requiredText(line, "candidate");
        RougeScores scores = scorer.score(reference, candidate);
        for (int i = 0; i < scores.metrics().size(); i++) {
            RougeScore score = scores.get(i);
            ObjectNode metric = out.putObject(scores.metrics().get(i).name());
            metric.put("p", score.precision());
            metric.put("r", score.recall());
            metric.put("f", score.fmeasure());
        }
    }
}
