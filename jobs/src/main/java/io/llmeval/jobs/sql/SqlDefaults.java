package io.llmeval.jobs.sql;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Default values of the {@code ${NAME}} placeholders in {@code sql/*.sql}; {@code --var NAME=VALUE}
 * overrides them. Paths ({@code LOGS_PATH}, {@code OUTPUT_PATH}) have no default: a script that uses
 * them needs them given. Documented in {@code sql/README.md}.
 */
public final class SqlDefaults {

    public static final Map<String, String> VARS;

    static {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("KAFKA_BOOTSTRAP", "localhost:9092");
        vars.put("REQUESTS_TOPIC", "llm_requests");
        vars.put("ALERTS_TOPIC", "llm_alerts");
        vars.put("KAFKA_GROUP", "llm-eval-sql");
        vars.put("WATERMARK_DELAY_SECONDS", "30");
        vars.put("HALLUCINATION_RATE_THRESHOLD", "0.10");
        vars.put("HALLUCINATION_MIN_SCORED", "30");
        vars.put("LATENCY_P95_THRESHOLD_MS", "8000");
        vars.put("ERROR_RATE_THRESHOLD", "0.10");
        vars.put("ERROR_MIN_REQUESTS", "30");
        VARS = Map.copyOf(vars);
    }

    private SqlDefaults() {}
}
