package io.llmeval.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmeval.cli.CliRun;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code sql/scores.sql} and {@code sql/windows.sql} against the DataStream backfill over the same generated
 * logs — same counts, same hallucination rule, the same sketch percentiles — and each ad-hoc query of
 * {@code sql/queries/} over them, its rows asserted.
 */
class SqlWindowsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;

    private static Map<String, String> vars;

    @BeforeAll
    static void generateTraffic() throws Exception {
        new TrafficGenerator(GeneratorConfig.of(19_200, 42, EnumSet.allOf(IncidentType.class))).writeTo(dir.resolve("gen"));
        vars = new LinkedHashMap<>(SqlDefaults.forMode(true));
        vars.put("LOGS_PATH", dir.resolve("gen/logs").toString());
    }

    /** A batch runner with functions, sources, scores and windows defined, printing to {@code out}. */
    private static SqlRunner runner(ByteArrayOutputStream out) throws Exception {
        SqlRunner runner = new SqlRunner(true, Map.of(), vars, new PrintStream(out, true, StandardCharsets.UTF_8));
        for (String file : List.of("functions.sql", "sources.sql", "scores.sql", "windows.sql")) {
            runner.run(SqlScript.load(Path.of(SqlFiles.sql(file)), vars));
        }
        return runner;
    }

    @Test
    void windowViewsEqualTheDataStreamBackfill() throws Exception {
        CliRun backfill = SqlFiles.llmEval(List.of("backfill", "--input", dir.resolve("gen/logs").toString(),
                "--output", dir.resolve("backfill").toString(), "--prometheus-port", "none"));
        assertThat(backfill.exitCode()).as(backfill.err()).isZero();
        Map<String, JsonNode> expected = new HashMap<>();
        for (JsonNode window : SqlFiles.jsonLines(dir.resolve("backfill/windows"))) {
            expected.put(key(window.get("model").asText(), window.get("route").asText(),
                    window.get("window_start").asText()), window);
        }

        List<Row> rows = new ArrayList<>();
        String[] columns = {"request_count", "error_count", "error_rate", "rps", "latency_p50_ms", "latency_p90_ms",
            "latency_p95_ms", "latency_p99_ms", "latency_max_ms", "ttft_p50_ms", "ttft_p95_ms", "input_tokens_sum",
            "output_tokens_sum", "output_tokens_per_s", "scored_count", "hallucinated_count", "hallucination_rate",
            "hallucination_score_mean", "rouge_l_f_mean", "cost_usd_sum", "cost_usd_per_request", "unpriced_count"};
        SqlRunner runner = runner(new ByteArrayOutputStream());
        try (CloseableIterator<Row> it = runner.tableEnvironment().executeSql(
                "SELECT model, route, window_start, " + String.join(", ", columns) + " FROM windows_1m").collect()) {
            it.forEachRemaining(rows::add);
        }

        assertThat(rows).hasSize(expected.size()).hasSizeGreaterThan(90);
        for (Row row : rows) {
            String start = ((LocalDateTime) row.getField(2)).toInstant(ZoneOffset.UTC).toString();
            JsonNode window = expected.get(key((String) row.getField(0), (String) row.getField(1), start));
            assertThat(window).as("window %s", row).isNotNull();
            for (int i = 0; i < columns.length; i++) {
                Object actual = row.getField(3 + i);
                JsonNode wanted = window.get(columns[i]);
                String what = columns[i] + " of " + row.getField(0) + "/" + row.getField(1) + " " + start;
                if (wanted == null || wanted.isNull()) {
                    assertThat(actual).as(what).isNull();
                } else if (actual instanceof Number number && (wanted.isIntegralNumber())) {
                    assertThat(number.longValue()).as(what).isEqualTo(wanted.asLong());
                } else {
                    // Sketch quantiles are the same values; means differ by the pipeline's 1e-9 fixed point.
                    assertThat(((Number) actual).doubleValue()).as(what).isCloseTo(wanted.asDouble(), within(1e-6));
                }
            }
        }
    }

    @Test
    void adHocQueriesAnswerOverGeneratedTraffic() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SqlRunner runner = runner(printed);

        List<List<String>> top = run(runner, printed, "queries/top_hallucinating_routes.sql");
        assertThat(top).hasSize(6);
        assertThat(top.get(0)).startsWith("mistral-7b-instruct", "rag");

        List<List<String>> daily = run(runner, printed, "queries/latency_p99_by_model_by_day.sql");
        assertThat(daily).extracting(r -> r.get(0))
                .containsExactly("gpt-4o-mini", "llama-3.1-8b-instruct", "mistral-7b-instruct");
        for (List<String> row : daily) {
            assertThat(row.get(1)).isEqualTo("2026-01-01 00:00:00.000");
            double approx = Double.parseDouble(row.get(5));
            double exact = Double.parseDouble(row.get(6));
            assertThat(approx).as("p99 of %s: APPROX_PERCENTILE vs PERCENTILE", row.get(0))
                    .isCloseTo(exact, within(exact * 0.01 + 0.1));
        }

        List<List<String>> errors = run(runner, printed, "queries/error_types.sql");
        assertThat(errors.get(0)).startsWith("llama-3.1-8b-instruct", "chat");

        List<List<String>> worst = run(runner, printed, "queries/worst_windows.sql");
        assertThat(worst).hasSize(6);
        assertThat(worst.get(0)).startsWith("llama-3.1-8b-instruct", "chat", "2026-01-01 00:04:00.000");
        assertThat(worst.get(1)).startsWith("gpt-4o-mini", "chat", "2026-01-01 00:02:00.000");
    }

    /** Runs a query file and returns the rows of the table it printed, cells trimmed. */
    private static List<List<String>> run(SqlRunner runner, ByteArrayOutputStream printed, String file) throws Exception {
        printed.reset();
        runner.run(SqlScript.load(Path.of(SqlFiles.sql(file)), vars));
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("|")).toList();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String key(String model, String route, String windowStart) {
        return model + "|" + route + "|" + windowStart;
    }
}
