package io.llmeval.jobs.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.cli.CliRun;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.pipeline.PipelineOptions;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DataStream job's alerts ({@code OUTPUT/alerts/}) against {@code sql/alerts.sql} run by {@code llm-eval sql}
 * over the same generated files with every incident: the same events (alert, state, key, window, length, value,
 * threshold, exemplars) in batch and in streaming mode; streaming and batch jobs write identical lines; one firing
 * and one resolved event per injected incident; nothing over an hour of clean traffic, nor with sliding windows.
 */
class AlertParityTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long RECORDS = 19_200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static List<Incident> incidents;

    @BeforeAll
    static void generateTraffic() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(RECORDS, 42, EnumSet.allOf(IncidentType.class))
                .withRecordsPerFile(5_000);
        incidents = new TrafficGenerator(config).writeTo(dir.resolve("incidents")).incidents();
        // SQL's streaming file source reads several files in no particular order (sources.sql): one file for it.
        new TrafficGenerator(config.withRecordsPerFile((int) RECORDS)).writeTo(dir.resolve("incidents-one-file"));
        // An hour of clean traffic at 5 requests/s: still 50 requests a minute per key, 50 scored on RAG routes.
        new TrafficGenerator(new GeneratorConfig(18_000, 42, 5.0, GeneratorConfig.DEFAULT_START,
                EnumSet.noneOf(IncidentType.class), false, GeneratorConfig.DEFAULT_RECORDS_PER_FILE, 0.0,
                GeneratorConfig.DEFAULT_MAX_SHIP_DELAY_MILLIS)).writeTo(dir.resolve("clean"));
    }

    @Test
    void batchAlertsEqualTheSqlAlertsAndEveryIncidentIsReported() throws Exception {
        List<String> job = runJob(RuntimeExecutionMode.BATCH, "incidents", "batch");
        List<String> sql = runSql("batch", "incidents", "sql-batch");

        assertThat(AlertFiles.keys(job)).containsExactlyInAnyOrderElementsOf(AlertFiles.expectedKeys(incidents))
                .hasSize(6);
        assertSameEvents(job, sql);
    }

    @Test
    void streamingAlertsEqualTheSqlAlertsAndTheBatchLines() throws Exception {
        List<String> stream = runJob(RuntimeExecutionMode.STREAMING, "incidents", "stream");
        List<String> batch = runJob(RuntimeExecutionMode.BATCH, "incidents", "batch-for-stream");
        List<String> sql = runSql("streaming", "incidents-one-file", "sql-stream");

        assertThat(stream).isEqualTo(batch);
        assertSameEvents(stream, sql);
    }

    @Test
    void anHourOfCleanTrafficRaisesNoAlert() throws Exception {
        Path out = dir.resolve("clean-out");
        EvalJob.run(settings(RuntimeExecutionMode.BATCH, dir.resolve("clean/logs"), out), "clean");

        assertThat(OutputFiles.sortedLines(out, FileOutputs.WINDOWS_DIR)).hasSizeGreaterThan(6 * 59);
        assertThat(Files.isDirectory(out.resolve(FileOutputs.ALERTS_DIR))).isTrue();
        assertThat(OutputFiles.sortedLines(out, FileOutputs.ALERTS_DIR)).isEmpty();
    }

    @Test
    void slidingWindowsRaiseNoAlertBecauseNoneFollowsOnFromTheLast() throws Exception {
        Path out = dir.resolve("sliding-out");
        Configuration sliding = new Configuration();
        sliding.set(PipelineOptions.WINDOW_SLIDE, Duration.ofSeconds(30));
        EvalJob.run(new EvalJobSettings(RuntimeExecutionMode.BATCH, List.of(dir.resolve("incidents/logs").toString()),
                out.toString(), null, 2, Duration.ofSeconds(2), sliding, null, 0), "sliding");

        assertThat(OutputFiles.sortedLines(out, FileOutputs.WINDOWS_DIR)).hasSizeGreaterThan(6 * 2 * 15);
        assertThat(OutputFiles.sortedLines(out, FileOutputs.ALERTS_DIR)).isEmpty();
    }

    /** Same events: every field, values and thresholds to the bit, exemplars as SQL's TOP_EXEMPLARS picks them. */
    private static void assertSameEvents(List<String> job, List<String> sql) throws Exception {
        assertThat(AlertFiles.keys(job)).containsExactlyInAnyOrderElementsOf(AlertFiles.keys(sql));
        assertThat(parsed(job)).containsExactlyInAnyOrderElementsOf(parsed(sql));
    }

    private static List<JsonNode> parsed(List<String> lines) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static List<String> runJob(RuntimeExecutionMode mode, String input, String output) throws Exception {
        Path out = dir.resolve(output);
        EvalJob.run(settings(mode, dir.resolve(input).resolve("logs"), out), output);
        return OutputFiles.sortedLines(out, FileOutputs.ALERTS_DIR);
    }

    private static EvalJobSettings settings(RuntimeExecutionMode mode, Path input, Path out) {
        return new EvalJobSettings(mode, List.of(input.toString()), out.toString(), null, 2, Duration.ofSeconds(2),
                new Configuration(), null, 0);
    }

    @Test
    void costPerHourHighFiresTheSameIncidentsInTheJobAndInSql() throws Exception {
        // Threshold 0: every window with a priced request breaches; of the generator's models only gpt-4o-mini is in
        // the example price table, so each of its keys has one incident, open until the traffic ends.
        Path out = dir.resolve("cost-out");
        Configuration conf = new Configuration();
        conf.setString("llm-eval.alerts.cost-per-hour-threshold-usd", "0");
        EvalJob.run(new EvalJobSettings(RuntimeExecutionMode.BATCH, List.of(dir.resolve("clean/logs").toString()),
                out.toString(), null, 2, Duration.ofSeconds(2), conf, null, 0), "cost");
        List<JsonNode> job = parsed(OutputFiles.sortedLines(out, FileOutputs.ALERTS_DIR));
        List<JsonNode> sql = parsed(runSql("batch", "clean", "cost-sql", "COST_PER_HOUR_THRESHOLD_USD=0"));

        assertThat(job).extracting(e -> e.get("alert").asText() + " " + e.get("state").asText() + " "
                        + e.get("model").asText() + "/" + e.get("route").asText() + " " + e.get("window_end").asText())
                .containsExactlyInAnyOrder("cost_per_hour_high firing gpt-4o-mini/chat 2026-01-01T00:02:00Z",
                        "cost_per_hour_high firing gpt-4o-mini/rag 2026-01-01T00:02:00Z");
        assertThat(sql).hasSameSizeAs(job);
        for (JsonNode event : job) {
            JsonNode twin = sql.stream().filter(e -> e.get("route").equals(event.get("route"))).findFirst().orElseThrow();
            assertThat(twin.get("window_start")).isEqualTo(event.get("window_start"));
            assertThat(twin.get("window_end")).isEqualTo(event.get("window_end"));
            // SQL sums doubles, the job integer pico-USD: the same value up to rounding.
            assertThat(twin.get("value").asDouble()).isCloseTo(event.get("value").asDouble(),
                    org.assertj.core.api.Assertions.within(1e-9));
            assertThat(event.get("value").asDouble()).as("USD per hour").isPositive();
        }
    }

    /** sql/alerts.sql through {@code llm-eval sql}, writing its events to OUTPUT/alerts/ in either mode. */
    private static List<String> runSql(String mode, String input, String output, String... vars) throws Exception {
        Path sqlDir = sqlDir();
        List<String> args = new ArrayList<>(List.of("sql"));
        for (String file : List.of("functions.sql", "sources.sql", "scores.sql", "windows.sql")) {
            args.addAll(List.of("-i", sqlDir.resolve(file).toString()));
        }
        args.addAll(List.of("-f", sqlDir.resolve("alerts.sql").toString(), "--mode", mode,
                "--var", "LOGS_PATH=" + dir.resolve(input).resolve("logs"), "--var", "OUTPUT_PATH=" + dir.resolve(output),
                "--var", "REQUESTS_TABLE=requests_files", "--var", "ALERTS_TABLE=alerts_files"));
        for (String var : vars) {
            args.addAll(List.of("--var", var));
        }

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        return OutputFiles.sortedLines(dir.resolve(output), FileOutputs.ALERTS_DIR);
    }

    /** The project's {@code sql/}: the first ancestor of the working directory that has {@code sql/alerts.sql}. */
    private static Path sqlDir() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("sql/alerts.sql"))) {
                return d.resolve("sql");
            }
        }
        throw new IllegalStateException("sql/alerts.sql not found from " + Paths.get("").toAbsolutePath());
    }
}
