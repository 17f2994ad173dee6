package io.llmeval.jobs.alerts;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.cli.LlmEval;
import io.llmeval.cli.sql.SqlDefaults;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertConfigTest {

    @Test
    void defaultsAreThoseOfAlertsSql() {
        AlertConfig defaults = AlertConfig.defaults();
        Map<String, String> sql = SqlDefaults.VARS;

        assertThat(defaults.hallucinationRateThreshold()).isEqualTo(Double.parseDouble(sql.get("HALLUCINATION_RATE_THRESHOLD")));
        assertThat(defaults.hallucinationMinScored()).isEqualTo(Integer.parseInt(sql.get("HALLUCINATION_MIN_SCORED")));
        assertThat(defaults.confidenceZ()).isEqualTo(Double.parseDouble(sql.get("ALERT_CONFIDENCE_Z")));
        assertThat(defaults.latencyP95ThresholdMs()).isEqualTo(Double.parseDouble(sql.get("LATENCY_P95_THRESHOLD_MS")));
        assertThat(defaults.latencyMinRequests()).isEqualTo(Integer.parseInt(sql.get("LATENCY_MIN_REQUESTS")));
        assertThat(defaults.errorRateThreshold()).isEqualTo(Double.parseDouble(sql.get("ERROR_RATE_THRESHOLD")));
        assertThat(defaults.errorMinRequests()).isEqualTo(Integer.parseInt(sql.get("ERROR_MIN_REQUESTS")));
        assertThat(defaults.consecutiveWindows()).isEqualTo(Integer.parseInt(sql.get("ALERT_CONSECUTIVE_WINDOWS")));
        // cost_per_hour_high is off in both: no threshold here, a negative one in SQL.
        assertThat(defaults.costPerHourThresholdUsd()).isNull();
        assertThat(Double.parseDouble(sql.get("COST_PER_HOUR_THRESHOLD_USD"))).isNegative();
    }

    @Test
    void everyKeyIsSettable() {
        Configuration conf = Configuration.fromMap(Map.of(
                "llm-eval.alerts.hallucination-rate-threshold", "0.2",
                "llm-eval.alerts.hallucination-min-scored", "50",
                "llm-eval.alerts.confidence-z", "2.58",
                "llm-eval.alerts.latency-p95-threshold-ms", "5000",
                "llm-eval.alerts.latency-min-requests", "10",
                "llm-eval.alerts.error-rate-threshold", "0.05",
                "llm-eval.alerts.error-min-requests", "100",
                "llm-eval.alerts.consecutive-windows", "3",
                "llm-eval.alerts.cost-per-hour-threshold-usd", "12.5"));

        assertThat(AlertConfig.from(conf)).isEqualTo(new AlertConfig(0.2, 50, 2.58, 5000, 10, 0.05, 100, 3, 12.5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "llm-eval.alerts.hallucination-rate-threshold | 1.5  | llm-eval.alerts.hallucination-rate-threshold must be between 0 and 1, got 1.5",
        "llm-eval.alerts.error-rate-threshold         | -0.1 | llm-eval.alerts.error-rate-threshold must be between 0 and 1, got -0.1",
        "llm-eval.alerts.confidence-z                 | -1   | llm-eval.alerts.confidence-z must be a finite number >= 0, got -1.0",
        "llm-eval.alerts.latency-p95-threshold-ms     | NaN  | llm-eval.alerts.latency-p95-threshold-ms must be a finite number >= 0, got NaN",
        "llm-eval.alerts.latency-min-requests         | -1   | llm-eval.alerts.latency-min-requests must be >= 0, got -1",
        "llm-eval.alerts.consecutive-windows          | 0    | llm-eval.alerts.consecutive-windows must be >= 1, got 0",
    })
    void unusableValuesAreRejectedWithTheirKey(String key, String value, String message) {
        Configuration conf = Configuration.fromMap(Map.of(key, value));

        assertThatThrownBy(() -> AlertConfig.from(conf)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void theCommandLineRejectsThemBeforeAnythingRuns(@TempDir Path logs) {
        CommandLine cli = LlmEval.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("backfill", "--input", logs.toString(), "--output", logs.resolve("out").toString(),
                "--conf", "llm-eval.alerts.consecutive-windows=0");

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().strip()).isEqualTo("llm-eval: llm-eval.alerts.consecutive-windows must be >= 1, got 0");
        assertThat(logs.resolve("out")).doesNotExist();
    }
}
