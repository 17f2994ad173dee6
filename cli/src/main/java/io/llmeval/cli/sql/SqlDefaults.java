package io.llmeval.cli.sql;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Default values of the {@code ${NAME}} placeholders in {@code sql/*.sql}; {@code --var NAME=VALUE}
 * overrides them. Every one is documented, with its meaning, in {@code sql/README.md} (a test keeps the two
 * in step).
 *
 * <pre>{@code
 * Map<String, String> vars = new LinkedHashMap<>(SqlDefaults.forMode(true));
 * vars.put("LOGS_PATH", "/data/logs");
 * }</pre>
 */
public final class SqlDefaults {

    /** The defaults that do not depend on the mode. */
    public static final Map<String, String> VARS;

    static {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("LOGS_PATH", "logs");
        vars.put("OUTPUT_PATH", "llm-eval-sql");
        vars.put("DRIFT_PATH", "drift");
        vars.put("KAFKA_BOOTSTRAP", "localhost:9092");
        vars.put("REQUESTS_TOPIC", "llm_requests");
        vars.put("ALERTS_TOPIC", "llm_alerts");
        vars.put("KAFKA_GROUP", "llm-eval-sql");
        vars.put("KAFKA_STARTUP_MODE", "group-offsets");
        vars.put("WATERMARK_DELAY_SECONDS", "30");
        vars.put("HALLUCINATION_SCORE_THRESHOLD", "0.5");
        vars.put("HALLUCINATION_RATE_THRESHOLD", "0.10");
        vars.put("HALLUCINATION_MIN_SCORED", "30");
        vars.put("ALERT_CONFIDENCE_Z", "1.96");
        vars.put("LATENCY_P95_THRESHOLD_MS", "8000");
        vars.put("LATENCY_MIN_REQUESTS", "30");
        vars.put("ERROR_RATE_THRESHOLD", "0.10");
        vars.put("ERROR_MIN_REQUESTS", "30");
        vars.put("ALERT_CONSECUTIVE_WINDOWS", "2");
        vars.put("COST_PER_HOUR_THRESHOLD_USD", "-1");
        VARS = Map.copyOf(vars);
    }

    private SqlDefaults() {}

    /**
     * {@link #VARS} plus the tables a mode reads and writes by default: batch reads the archived files
     * ({@code requests_files}) and writes {@code OUTPUT_PATH/alerts/} ({@code alerts_files}); streaming
     * reads and writes Kafka ({@code requests_kafka}, {@code alerts_kafka}).
     */
    public static Map<String, String> forMode(boolean batch) {
        Map<String, String> vars = new LinkedHashMap<>(VARS);
        vars.put("REQUESTS_TABLE", batch ? "requests_files" : "requests_kafka");
        vars.put("ALERTS_TABLE", batch ? "alerts_files" : "alerts_kafka");
        return vars;
    }
}
