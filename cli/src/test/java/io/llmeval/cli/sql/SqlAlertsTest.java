package io.llmeval.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmeval.jobs.alerts.AlertFiles;
import io.llmeval.cli.CliRun;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sql/alerts.sql} over generated traffic, through {@code llm-eval sql} in-process: one firing and one
 * resolved event per injected incident, with its key and window, in batch and in streaming mode; none over an
 * hour of clean traffic. Drift incidents get no event: nothing computes drift_windows yet, so only the plumbing
 * of the drift_detected rule is tested here (tests on real drift statistics come with them).
 */
class SqlAlertsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** The alert each injected incident must raise; drift incidents have none yet. */
    private static final long RECORDS = 19_200;

    @TempDir
    static Path dir;

    private static List<Incident> incidents;

    @BeforeAll
    static void generateTraffic() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(RECORDS, 42, EnumSet.allOf(IncidentType.class));
        incidents = new TrafficGenerator(config).writeTo(dir.resolve("incidents")).incidents();
        // One file for streaming: a file source reads several files in no particular order, which would make
        // the records of a file read after a later one late (see sources.sql).
        new TrafficGenerator(config.withRecordsPerFile((int) RECORDS)).writeTo(dir.resolve("incidents-one-file"));
        // An hour of clean traffic at 5 requests/s: still 50 requests a minute per key, 50 scored on RAG routes.
        new TrafficGenerator(new GeneratorConfig(18_000, 42, 5.0, GeneratorConfig.DEFAULT_START,
                EnumSet.noneOf(IncidentType.class), false, GeneratorConfig.DEFAULT_RECORDS_PER_FILE, 0.0,
                GeneratorConfig.DEFAULT_MAX_SHIP_DELAY_MILLIS)).writeTo(dir.resolve("clean"));
    }

    @Test
    void theContractCommandLinePrintsAndWritesOneFiringAndOneResolvedEventPerIncident() throws Exception {
        Path output = dir.resolve("batch-out");

        CliRun run = SqlFiles.alerts("batch", "LOGS_PATH=" + dir.resolve("incidents/logs"), "OUTPUT_PATH=" + output);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> events = SqlFiles.jsonLines(output.resolve("alerts"));
        assertThat(keys(events)).containsExactlyInAnyOrderElementsOf(expectedKeys());
        for (JsonNode event : events) {
            assertThat(event.fieldNames()).toIterable().startsWith(
                    "alert", "state", "model", "route", "window_start", "window_end", "value", "threshold");
            double value = event.get("value").asDouble();
            double threshold = event.get("threshold").asDouble();
            if (event.get("state").asText().equals("firing")) {
                assertThat(value).as("%s", event).isGreaterThan(threshold);
                assertThat(event.get("exemplars")).as("%s", event).hasSize(3);
            } else {
                assertThat(value).as("%s", event).isLessThanOrEqualTo(threshold);
                assertThat(event.get("exemplars").isNull()).isTrue();
            }
        }
        // The script ends by printing what the job wrote: every event is a row of that table.
        for (JsonNode event : events) {
            assertThat(run.out()).containsPattern(Pattern.compile(String.join("\\s*\\|\\s*",
                    Pattern.quote(event.get("alert").asText()), Pattern.quote(event.get("state").asText()),
                    Pattern.quote(event.get("model").asText()), Pattern.quote(event.get("route").asText()),
                    printed(event.get("window_start").asText()), printed(event.get("window_end").asText()))));
        }

        // queries/alert_events.sql reads them back in time order.
        CliRun history = SqlFiles.llmEval(List.of("sql", "-f", SqlFiles.sql("queries/alert_events.sql"),
                "--mode", "batch", "--var", "OUTPUT_PATH=" + output));
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("6 rows in set");
        assertThat(history.out().indexOf("latency_p95_high")).isLessThan(history.out().indexOf("error_rate_high"))
                .isGreaterThan(0);
    }

    @Test
    void streamingOverABoundedSourceGivesTheSameEvents() throws Exception {
        Path output = dir.resolve("streaming-out");

        CliRun run = SqlFiles.alerts("streaming", "LOGS_PATH=" + dir.resolve("incidents-one-file/logs"),
                "OUTPUT_PATH=" + output, "REQUESTS_TABLE=requests_files", "ALERTS_TABLE=alerts_files");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(keys(SqlFiles.jsonLines(output.resolve("alerts")))).containsExactlyInAnyOrderElementsOf(expectedKeys());
    }

    @Test
    void anHourOfCleanTrafficRaisesNoAlert() throws Exception {
        Path output = dir.resolve("clean-out");

        CliRun run = SqlFiles.alerts("batch", "LOGS_PATH=" + dir.resolve("clean/logs"), "OUTPUT_PATH=" + output);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(SqlFiles.jsonLines(output.resolve("alerts"))).isEmpty();
        assertThat(run.out()).contains("Empty set");
    }

    @Test
    void driftWindowsDefinedBeforeWindowsSqlReplaceThePlaceholder() throws Exception {
        // Plumbing only: hand-made drift rows in the documented drift_windows shape, over clean traffic. Tests
        // of drift_detected on drift statistics computed from traffic come with those statistics.
        Path drift = dir.resolve("drift_windows.sql");
        Files.writeString(drift, """
                CREATE TEMPORARY VIEW drift_windows AS
                SELECT CAST(model AS STRING) AS model, CAST(route AS STRING) AS route, window_start, window_end,
                       CAST(window_end AS TIMESTAMP_LTZ(3)) - INTERVAL '0.001' SECOND AS window_time,
                       CAST('mmd' AS STRING) AS `method`, CAST(statistic AS DOUBLE) AS statistic,
                       CAST(0.05 AS DOUBLE) AS threshold, drift_detected
                FROM (VALUES
                  ('gpt-4o-mini', 'rag', TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:05:00', 0.01, FALSE),
                  ('gpt-4o-mini', 'rag', TIMESTAMP '2026-01-01 00:05:00', TIMESTAMP '2026-01-01 00:10:00', 0.20, TRUE),
                  ('gpt-4o-mini', 'rag', TIMESTAMP '2026-01-01 00:10:00', TIMESTAMP '2026-01-01 00:15:00', 0.30, TRUE),
                  ('gpt-4o-mini', 'rag', TIMESTAMP '2026-01-01 00:15:00', TIMESTAMP '2026-01-01 00:20:00', 0.25, TRUE),
                  ('gpt-4o-mini', 'rag', TIMESTAMP '2026-01-01 00:20:00', TIMESTAMP '2026-01-01 00:25:00', 0.02, FALSE),
                  ('gpt-4o-mini', 'chat', TIMESTAMP '2026-01-01 00:05:00', TIMESTAMP '2026-01-01 00:10:00', 0.40, TRUE)
                ) AS t(model, route, window_start, window_end, statistic, drift_detected);
                """);
        Path output = dir.resolve("drift-out");
        List<String> args = new ArrayList<>(List.of("sql"));
        List<String> init = SqlFiles.initArgs();
        args.addAll(init.subList(0, 6));
        args.addAll(List.of("-i", drift.toString()));
        args.addAll(init.subList(6, 8));
        args.addAll(List.of("-f", SqlFiles.sql("alerts.sql"), "--mode", "batch",
                "--var", "LOGS_PATH=" + dir.resolve("clean/logs"), "--var", "OUTPUT_PATH=" + output));

        CliRun run = SqlFiles.llmEval(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        // One incident of three 5-minute windows; a single drifted window (chat) is no incident.
        assertThat(keys(SqlFiles.jsonLines(output.resolve("alerts")))).containsExactlyInAnyOrder(
                "drift_detected|firing|gpt-4o-mini|rag|2026-01-01T00:05:00Z|2026-01-01T00:15:00Z|2",
                "drift_detected|resolved|gpt-4o-mini|rag|2026-01-01T00:05:00Z|2026-01-01T00:20:00Z|3");
    }

    /** alert|state|model|route|window_start|window_end|breached_windows of each injected incident's events. */
    private static List<String> expectedKeys() {
        List<String> keys = AlertFiles.expectedKeys(incidents);
        assertThat(keys).hasSize(6);
        return keys;
    }

    private static List<String> keys(List<JsonNode> events) {
        return events.stream().map(AlertFiles::key).toList();
    }

    /** How the printed table shows an ISO-8601 UTC time: 2026-01-01T00:06:00Z as 2026-01-01 00:06:00.000. */
    private static String printed(String iso) {
        return Pattern.quote(iso.replace('T', ' ').replace("Z", ".000"));
    }
}
