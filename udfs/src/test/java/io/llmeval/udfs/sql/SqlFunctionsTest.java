package io.llmeval.udfs.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmeval.udfs.hallucination.HallucinationScorer;
import io.llmeval.udfs.rouge.RougeMetric;
import io.llmeval.udfs.rouge.RougeScore;
import io.llmeval.udfs.rouge.RougeScorer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL functions through real queries: registered by executing {@code sql/functions.sql} in a batch
 * TableEnvironment, called on a VALUES table, rows asserted against the Java scorers.
 */
class SqlFunctionsTest {

    private static final String REFERENCE = "The cats were running on the mat.\nThen they slept.";
    private static final String CANDIDATE = "A cat runs on the mat.\nIt slept.";
    private static final String PASSAGE = "The Oberoi Group is a hotel company with its head office in Delhi.";

    private static TableEnvironment tableEnv;

    @BeforeAll
    static void registerFunctionsFromTheSqlFile() throws IOException {
        tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tableEnv.getConfig().set("parallelism.default", "1");
        List<String> statements = statements(functionsFile());
        // Five scalar functions are tested here; aggregates added to the file later are registered too.
        assertThat(statements).hasSizeGreaterThanOrEqualTo(5)
                .anyMatch(s -> s.contains("ROUGE_N AS 'io.llmeval.udfs.sql.RougeNFunction'"))
                .anyMatch(s -> s.contains("HALLUCINATION_SCORE AS 'io.llmeval.udfs.sql.HallucinationScoreFunction'"));
        for (String statement : statements) {
            tableEnv.executeSql(statement);
        }
    }

    /** {@code sql/functions.sql} at the project root (this module's parent folder). */
    static Path functionsFile() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("sql").resolve("functions.sql");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("sql/functions.sql not found from " + Paths.get("").toAbsolutePath());
    }

    /** The statements of a SQL file: '--' comments dropped, split on ';' at the end of a line. */
    static List<String> statements(Path file) throws IOException {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String code = line.strip();
            if (code.isEmpty() || code.startsWith("--")) {
                continue;
            }
            current.append(code).append('\n');
            if (code.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    private static List<Row> query(String sql) {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tableEnv.executeSql(sql).collect()) {
            it.forEachRemaining(rows::add);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''").replace("\n", "' || CHR(10) || '") + "'";
    }

    @Test
    void rougeFunctionsMatchTheScorer() {
        String ref = literal(REFERENCE);
        String cand = literal(CANDIDATE);
        List<Row> rows = query("SELECT "
                + "ROUGE_N(" + ref + ", " + cand + ", 1), "
                + "ROUGE_N(" + ref + ", " + cand + ", 2, 'p'), "
                + "ROUGE_N(" + ref + ", " + cand + ", 1, 'r', TRUE), "
                + "ROUGE_N(" + ref + ", " + cand + ", 1, TRUE), "
                + "ROUGE_L(" + ref + ", " + cand + "), "
                + "ROUGE_L(" + ref + ", " + cand + ", 'p', TRUE), "
                + "ROUGE_LSUM(" + ref + ", " + cand + "), "
                + "ROUGE_LSUM(" + ref + ", " + cand + ", 'R'), "
                + "ROUGE_LSUM(" + ref + ", " + cand + ", TRUE)");
        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.getField(0)).isEqualTo(score(RougeMetric.ROUGE_1, false).fmeasure());
        assertThat(row.getField(1)).isEqualTo(score(RougeMetric.ROUGE_2, false).precision());
        assertThat(row.getField(2)).isEqualTo(score(RougeMetric.ROUGE_1, true).recall());
        assertThat(row.getField(3)).isEqualTo(score(RougeMetric.ROUGE_1, true).fmeasure());
        assertThat(row.getField(4)).isEqualTo(score(RougeMetric.ROUGE_L, false).fmeasure());
        assertThat(row.getField(5)).isEqualTo(score(RougeMetric.ROUGE_L, true).precision());
        assertThat(row.getField(6)).isEqualTo(score(RougeMetric.ROUGE_LSUM, false).fmeasure());
        assertThat(row.getField(7)).isEqualTo(score(RougeMetric.ROUGE_LSUM, false).recall());
        assertThat(row.getField(8)).isEqualTo(score(RougeMetric.ROUGE_LSUM, true).fmeasure());
        // Stemming matters here (cats/cat, running/runs), so the stemmed and plain figures differ.
        assertThat(row.getField(3)).isNotEqualTo(row.getField(0));
    }

    @Test
    void functionsScoreEveryRowOfATable() {
        List<Row> rows = query("SELECT id, ROUGE_L(reference, response, 'f', TRUE), "
                + "UNSUPPORTED_RATIO(response, reference), HALLUCINATION_SCORE(response, reference), "
                + "HALLUCINATION_SCORE(response, reference, mean_logprob, similarity) "
                + "FROM (VALUES "
                + "(1, " + literal(PASSAGE) + ", 'Delhi', CAST(-0.05 AS DOUBLE), CAST(0.9 AS DOUBLE)), "
                + "(2, " + literal(PASSAGE) + ", 'Mumbai, the financial capital of India.', "
                + "CAST(-1.5 AS DOUBLE), CAST(NULL AS DOUBLE)), "
                + "(3, '12 quận', '100 quận', CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE))"
                + ") AS t(id, reference, response, mean_logprob, similarity) ORDER BY id");
        assertThat(rows).hasSize(3);
        HallucinationScorer scorer = HallucinationScorer.builder().build();
        String[][] inputs = {{"Delhi", PASSAGE}, {"Mumbai, the financial capital of India.", PASSAGE},
            {"100 quận", "12 quận"}};
        Double[][] evidence = {{-0.05, 0.9}, {-1.5, null}, {null, null}};
        for (int i = 0; i < 3; i++) {
            Row row = rows.get(i);
            assertThat(row.getField(0)).isEqualTo(i + 1);
            assertThat(row.getField(1)).isEqualTo(RougeScorer.builder().metrics(RougeMetric.ROUGE_L).useStemmer(true)
                    .build().score(inputs[i][1], inputs[i][0]).get(0).fmeasure());
            assertThat(row.getField(2))
                    .isEqualTo(scorer.score(inputs[i][0], inputs[i][1], null, null, null).unsupportedRatio());
            assertThat(row.getField(3))
                    .isEqualTo(scorer.score(inputs[i][0], inputs[i][1], null, null, null).hallucinationScore());
            assertThat(row.getField(4)).isEqualTo(scorer.score(inputs[i][0], inputs[i][1], null, evidence[i][0],
                    evidence[i][1]).hallucinationScore());
        }
        assertThat((Double) rows.get(0).getField(3)).isLessThan(HallucinationScorer.DEFAULT_THRESHOLD);
        assertThat((Double) rows.get(1).getField(3)).isGreaterThanOrEqualTo(HallucinationScorer.DEFAULT_THRESHOLD);
        assertThat((Double) rows.get(2).getField(3)).isGreaterThanOrEqualTo(HallucinationScorer.DEFAULT_THRESHOLD);
    }

    @Test
    void nullTextsGiveNull() {
        List<Row> rows = query("SELECT ROUGE_N(r, c, 1), ROUGE_N(c, r, 2, 'p', TRUE), ROUGE_L(r, c), "
                + "ROUGE_LSUM(c, r, 'r'), UNSUPPORTED_RATIO(r, c), UNSUPPORTED_RATIO(c, r), "
                + "HALLUCINATION_SCORE(r, c), HALLUCINATION_SCORE(c, r, CAST(-0.1 AS DOUBLE), CAST(0.5 AS DOUBLE)) "
                + "FROM (VALUES (CAST(NULL AS STRING), 'some text')) AS t(r, c)");
        Row row = rows.get(0);
        for (int i = 0; i < row.getArity(); i++) {
            assertThat(row.getField(i)).as("column %d", i).isNull();
        }
    }

    @Test
    void unknownComponentFailsTheQueryWithTheValidOnes() {
        assertThatThrownBy(() -> query("SELECT ROUGE_L('a b', 'a c', 'x')"))
                .hasStackTraceContaining("unknown ROUGE component 'x'; valid: 'p', 'r', 'f'");
    }

    private static RougeScore score(RougeMetric metric, boolean stem) {
        return RougeScorer.builder().metrics(metric).useStemmer(stem).build().score(REFERENCE, CANDIDATE).get(0);
    }
}
