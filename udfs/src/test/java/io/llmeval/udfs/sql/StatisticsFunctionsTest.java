package io.llmeval.udfs.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmeval.udfs.sketch.QuantileSketch;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PARSE_EVENT_TIME, WILSON_LOWER_BOUND, APPROX_PERCENTILE and TOP_EXEMPLARS through real queries: registered
 * by executing {@code sql/functions.sql} in a batch TableEnvironment, rows asserted. Aggregates run in two
 * phases (local + global), so their {@code merge} is exercised too.
 */
class StatisticsFunctionsTest {

    private static TableEnvironment tableEnv;

    @BeforeAll
    static void registerFunctionsFromTheSqlFile() throws IOException {
        tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tableEnv.getConfig().set("parallelism.default", "2");
        tableEnv.getConfig().set("table.optimizer.agg-phase-strategy", "TWO_PHASE");
        tableEnv.getConfig().set("table.local-time-zone", "UTC");
        for (String statement : SqlFunctionsTest.statements(SqlFunctionsTest.functionsFile())) {
            tableEnv.executeSql(statement);
        }
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

    @Test
    void wilsonLowerBoundMatchesHandComputedValues() {
        // Hand-computed: (p + z²/2n − z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n).
        List<Row> rows = query("SELECT id, WILSON_LOWER_BOUND(k, n), WILSON_LOWER_BOUND(k, n, z) FROM (VALUES "
                + "(1, 0, 10, 1.96), (2, 10, 10, 1.96), (3, 1, 2, 1.96), (4, 45, 100, 1.96), (5, 4, 30, 1.96), "
                + "(6, 45, 100, 1.645), (7, 45, 100, 0.0), (8, 12, 60, 1.96)"
                + ") AS t(id, k, n, z) ORDER BY id");
        double[] expected = {0.0, 0.7225, 0.0945, 0.3561, 0.0531, 0.3706, 0.45, 0.1183};
        assertThat(rows).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            Row row = rows.get(i);
            assertThat((Double) row.getField(2)).as("row %s", row).isCloseTo(expected[i], within(1e-4));
            if (i != 5 && i != 6) {
                assertThat(row.getField(1)).as("default z is 1.96").isEqualTo(row.getField(2));
            }
        }
        // 4 of 30 is a rate of 0.13 but its lower bound is 0.05: not surely above 0.10.
        assertThat((Double) rows.get(4).getField(1)).isLessThan(0.10);
    }

    @Test
    void costUsdPricesCachedTokensOnceWithTheExampleTable() {
        // flink-conf/prices.yaml: gpt-4o-mini 0.15 in, 0.60 out, 0.075 cache read (USD per million tokens).
        List<Row> rows = query("SELECT id, COST_USD(model, ts, i, o, r, w) FROM (VALUES "
                + "(1, 'gpt-4o-mini', TO_TIMESTAMP_LTZ(1767225600000, 3), CAST(1000 AS BIGINT), CAST(200 AS BIGINT), CAST(800 AS BIGINT), CAST(0 AS BIGINT)), "
                + "(2, 'gpt-4o-mini', TO_TIMESTAMP_LTZ(1767225600000, 3), 1000, 500, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)), "
                + "(3, 'llama-3.1-8b-instruct', TO_TIMESTAMP_LTZ(1767225600000, 3), 1000, 500, 0, 0), "
                + "(4, 'gpt-4o-mini', TO_TIMESTAMP_LTZ(1767225600000, 3), 1000, 500, 1200, 0)"
                + ") AS t(id, model, ts, i, o, r, w) ORDER BY id");

        assertThat(rows).extracting(r -> r.getField(1)).containsExactly(
                // 200×0.15 + 800×0.075 + 200×0.60 = 210 µUSD; 1000×0.15 + 500×0.60 = 450 µUSD; unpriced model; cache > input
                210e-6, 450e-6, null, null);
    }

    @Test
    void costUsdReadsThePriceFileOfTheJobParameter(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path prices = dir.resolve("prices.json");
        java.nio.file.Files.writeString(prices, "[{\"match\": \"my-model\", \"input_per_mtok\": 2, \"output_per_mtok\": 8, "
                + "\"cache_write_per_mtok\": 2.5, \"since\": \"2025-01-01\"}]");
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.getConfig().set("table.local-time-zone", "UTC");
        env.getConfig().set("pipeline.global-job-parameters", "llm-eval.prices.file:" + prices);
        for (String statement : SqlFunctionsTest.statements(SqlFunctionsTest.functionsFile())) {
            env.executeSql(statement);
        }
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = env.executeSql("SELECT SUM(COST_USD(model, ts, i, o, r, w)), COUNT(*) FROM (VALUES "
                + "('my-model', TIMESTAMP '2026-01-01 00:00:00', CAST(3000 AS BIGINT), CAST(100 AS BIGINT), CAST(0 AS BIGINT), CAST(1000 AS BIGINT)), "
                + "('my-model', TIMESTAMP '2024-01-01 00:00:00', 3000, 100, 0, 1000), "
                + "('gpt-4o-mini', TIMESTAMP '2026-01-01 00:00:00', 3000, 100, 0, 1000)"
                + ") AS t(model, ts, i, o, r, w)").collect()) {
            it.forEachRemaining(rows::add);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        // Only the first row is priced: 2000×2 + 1000×2.5 + 100×8 = 7300 µUSD (the second predates since, the third
        // model is not in this table).
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat((Double) r.getField(0)).isCloseTo(7300e-6, within(1e-15));
            assertThat(r.getField(1)).isEqualTo(3L);
        });
    }

    @Test
    void wilsonLowerBoundIsNullOutsideItsDomain() {
        List<Row> rows = query("SELECT WILSON_LOWER_BOUND(k, n), WILSON_LOWER_BOUND(k, n, -1.0) FROM (VALUES "
                + "(CAST(1 AS BIGINT), CAST(0 AS BIGINT)), (5, 3), (-1, 3), (CAST(NULL AS BIGINT), 3)) AS t(k, n)");
        assertThat(rows).hasSize(4).allSatisfy(row -> {
            assertThat(row.getField(0)).isNull();
            assertThat(row.getField(1)).isNull();
        });
    }

    @Test
    void parseEventTimeAcceptsTheLogSchemaFormsOnly() {
        List<Row> rows = query("SELECT id, PARSE_EVENT_TIME(ts) FROM (VALUES "
                + "(1, '2026-01-01T00:00:00Z'), (2, '2026-01-01T02:00:00.5+02:00'), (3, '1767225600000'), "
                + "(4, '1767225600123.9'), (5, '2026-01-01 00:00:00z'), (6, '1767225600'), (7, 'yesterday'), "
                + "(8, CAST(NULL AS STRING)), (9, '2100-01-01T00:00:00Z')) AS t(id, ts) ORDER BY id");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(rows).extracting(r -> r.getField(1)).containsExactly(
                t0, t0.plusMillis(500), t0, t0.plusMillis(123), t0, null, null, null, null);
    }

    @Test
    void approxPercentileIsTheSketchAndWithinOnePercentOfTheExactPercentile() {
        // Two groups of 1001 skewed latencies, generated in SQL (10 x 10 x 10 rows and one more) and here
        // with the same formula. p·(n−1) is a whole rank for the quantiles below, so PERCENTILE (which
        // interpolates) returns exactly the value at that rank.
        QuantileSketch[] sketches = {new QuantileSketch(), new QuantileSketch()};
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i <= 1000; i++) {
                sketches[g].add(latency(g, i));
            }
        }
        String digits = "(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))";
        tableEnv.executeSql("CREATE TEMPORARY VIEW latencies AS "
                + "SELECT 'g' || CAST(g AS STRING) AS g, "
                + "800 * (g + 1) * EXP(CAST(0.6 AS DOUBLE) * SIN(CAST(i AS DOUBLE) * CAST(12.9898 AS DOUBLE) + g)) AS v "
                + "FROM (SELECT a.d * 100 + b.d * 10 + c.d AS i FROM " + digits + " AS a(d), " + digits + " AS b(d), "
                + digits + " AS c(d) UNION ALL SELECT 1000) AS n, (VALUES (0), (1)) AS gs(g)");

        List<Row> rows = query("SELECT g, "
                + "APPROX_PERCENTILE(v, 0.5), PERCENTILE(v, 0.5), APPROX_PERCENTILE(v, 0.95), PERCENTILE(v, 0.95), "
                + "APPROX_PERCENTILE(v, 0.99), PERCENTILE(v, 0.99), APPROX_PERCENTILE(CAST(v AS INT), 1), "
                + "MAX(CAST(v AS INT)), COUNT(*) FROM latencies GROUP BY g ORDER BY g");

        assertThat(rows).hasSize(2);
        double[] qs = {0.5, 0.95, 0.99};
        for (int g = 0; g < 2; g++) {
            Row row = rows.get(g);
            assertThat(row.getField(9)).isEqualTo(1001L);
            for (int i = 0; i < qs.length; i++) {
                double approx = (Double) row.getField(1 + 2 * i);
                double exact = (Double) row.getField(2 + 2 * i);
                assertThat(approx).as("%s p%s: the DataStream jobs' sketch", row.getField(0), qs[i])
                        .isCloseTo(sketches[g].quantile(qs[i]), within(1e-9));
                assertThat(approx).as("%s p%s vs PERCENTILE", row.getField(0), qs[i])
                        .isCloseTo(exact, within(exact * QuantileSketch.RELATIVE_ACCURACY));
            }
            double max = ((Integer) row.getField(8)).doubleValue();
            assertThat((Double) row.getField(7)).isCloseTo(max, within(max * QuantileSketch.RELATIVE_ACCURACY));
        }
        // What the sketch keeps per group, against the 1001 distinct values PERCENTILE keeps.
        assertThat(sketches[0].toBytes().length).isLessThan(1001 * 8);
    }

    private static double latency(int g, int i) {
        return 800 * (g + 1) * Math.exp(0.6 * Math.sin(i * 12.9898 + g));
    }

    @Test
    void approxPercentileSkipsNullsAndIsNullOverNoValues() {
        List<Row> rows = query("SELECT g, APPROX_PERCENTILE(v, 0.5), COUNT(v) FROM (VALUES "
                + "('a', CAST(NULL AS DOUBLE)), ('b', 4.0), ('b', CAST(NULL AS DOUBLE))) AS t(g, v) GROUP BY g ORDER BY g");
        assertThat(rows.get(0).getField(1)).isNull();
        assertThat((Double) rows.get(1).getField(1)).isCloseTo(4.0, within(0.04));
    }

    @Test
    void approxPercentileWantsALiteralQuantileInZeroToOne() {
        assertThatThrownBy(() -> query("SELECT APPROX_PERCENTILE(v, 1.5) FROM (VALUES (1.0)) AS t(v)"))
                .hasStackTraceContaining("APPROX_PERCENTILE: the quantile must be a numeric literal between 0 and 1");
        assertThatThrownBy(() -> query("SELECT APPROX_PERCENTILE(v, v) FROM (VALUES (1.0)) AS t(v)"))
                .hasStackTraceContaining("APPROX_PERCENTILE: the quantile must be a numeric literal between 0 and 1");
    }

    @Test
    void topExemplarsKeepsTheThreeHeaviestDeterministically() {
        List<Row> rows = query("SELECT g, TOP_EXEMPLARS(id, w) FROM (VALUES "
                + "('a', 'r1', 1.0), ('a', 'r2', 5.0), ('a', 'r3', 3.0), ('a', 'r4', 4.0), ('a', 'r5', 0.5), "
                // ties rank by id; a repeated id counts once with its largest weight
                + "('b', 'z', 2.0), ('b', 'y', 2.0), ('b', 'x', 1.0), ('b', 'x', 9.0), ('b', 'w', 2.0), "
                // NULL ids and weights are skipped; a group with nothing left gives NULL
                + "('c', CAST(NULL AS STRING), 1.0), ('c', 'q', CAST(NULL AS DOUBLE)), "
                + "('d', 'only', 7.0)"
                + ") AS t(g, id, w) GROUP BY g ORDER BY g");
        assertThat(rows).extracting(r -> r.getField(1)).containsExactly(
                new String[] {"r2", "r4", "r3"}, new String[] {"x", "w", "y"}, null, new String[] {"only"});
    }
}
