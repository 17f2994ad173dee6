package io.llmeval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes an output directory of the pipeline's shape at any size, for the size test and the render benchmark:
 * {@code keys} (model, route) pairs with {@code windowsPerKey} consecutive 1-minute windows each, a 5-minute drift
 * window per five windows, a latency incident (firing and resolved) every {@code incidentEvery} windows of a key,
 * and {@code deadLetters} dead letters over four reasons. Values are seeded random, with the incidents' windows
 * slow enough to have fired.
 */
final class SyntheticOutput {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] REASONS = {"malformed_json", "invalid_field:latency_ms", "missing_field:model", "late_event"};
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final int keys;
    private final int windowsPerKey;
    private long requestsPerWindow = 1200;
    private int deadLetters = 100;
    private int incidentEvery = 2000;
    private long seed = 42;

    SyntheticOutput(int keys, int windowsPerKey) {
        this.keys = keys;
        this.windowsPerKey = windowsPerKey;
    }

    SyntheticOutput requestsPerWindow(long requests) {
        this.requestsPerWindow = requests;
        return this;
    }

    SyntheticOutput deadLetters(int count) {
        this.deadLetters = count;
        return this;
    }

    SyntheticOutput incidentEvery(int windows) {
        this.incidentEvery = windows;
        return this;
    }

    SyntheticOutput seed(long value) {
        this.seed = value;
        return this;
    }

    static String model(int key) {
        return "model-" + (key / 2);
    }

    static String route(int key) {
        return key % 2 == 0 ? "chat" : "rag";
    }

    Path write(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (String folder : new String[] {"windows", "drift", "alerts", "dead-letters"}) {
            Files.createDirectories(dir.resolve(folder));
        }
        try (BufferedWriter windows = Files.newBufferedWriter(dir.resolve("windows/windows-0.jsonl"));
             BufferedWriter drift = Files.newBufferedWriter(dir.resolve("drift/drift-0.jsonl"));
             BufferedWriter alerts = Files.newBufferedWriter(dir.resolve("alerts/alerts-0.jsonl"))) {
            for (int k = 0; k < keys; k++) {
                for (int w = 0; w < windowsPerKey; w++) {
                    boolean incident = incidentEvery > 0 && w % incidentEvery >= 100 && w % incidentEvery < 104;
                    windows.write(window(k, w, incident, random));
                    windows.newLine();
                    if (w % 5 == 4) {
                        drift.write(drift(k, w - 4, random));
                        drift.newLine();
                    }
                    if (incidentEvery > 0 && w % incidentEvery == 101) {
                        alerts.write(alert(k, w - 1, w + 1, "firing", 9500 + random.nextDouble() * 2000, 2));
                        alerts.newLine();
                    }
                    if (incidentEvery > 0 && w % incidentEvery == 104) {
                        alerts.write(alert(k, w - 4, w, "resolved", 2500, 4));
                        alerts.newLine();
                    }
                }
            }
        }
        try (BufferedWriter dead = Files.newBufferedWriter(dir.resolve("dead-letters/dead-letters-0.jsonl"))) {
            for (int i = 0; i < deadLetters; i++) {
                ObjectNode line = JSON.createObjectNode()
                        .put("reason", REASONS[i % REASONS.length])
                        .put("raw", "{\"request_id\":\"bad-" + i + "\",\"latency_ms\":-5}")
                        .put("source", "file:/logs/part-" + (i / 10000) + ".jsonl:" + (i + 1));
                dead.write(JSON.writeValueAsString(line));
                dead.newLine();
            }
        }
        return dir;
    }

    private String window(int key, int index, boolean incident, SplittableRandom random) throws IOException {
        long requests = Math.max(1, requestsPerWindow + random.nextLong(-requestsPerWindow / 10 - 1, requestsPerWindow / 10 + 1));
        long errors = (long) (requests * 0.01 * random.nextDouble() * 2);
        double p50 = 800 + 400 * random.nextDouble() + (incident ? 4000 : 0);
        double p95 = p50 * (2 + random.nextDouble());
        long scored = requests / 2;
        long hallucinated = (long) (scored * 0.04 * random.nextDouble() * 2);
        ObjectNode line = JSON.createObjectNode()
                .put("window_start", START.plusSeconds(60L * index).toString())
                .put("window_end", START.plusSeconds(60L * (index + 1)).toString())
                .put("model", model(key)).put("route", route(key))
                .put("request_count", requests).put("error_count", errors).put("error_rate", (double) errors / requests)
                .put("rps", requests / 60.0)
                .put("latency_p50_ms", p50).put("latency_p90_ms", p95 * 0.9).put("latency_p95_ms", p95)
                .put("latency_p99_ms", p95 * 1.4).put("latency_max_ms", p95 * 3)
                .put("ttft_p50_ms", p50 / 8).put("ttft_p95_ms", p95 / 8)
                .put("input_tokens_sum", requests * 90).put("output_tokens_sum", requests * 140)
                .put("output_tokens_per_s", requests * 140 / 60.0)
                .put("scored_count", scored).put("hallucinated_count", hallucinated)
                .put("hallucination_rate", (double) hallucinated / scored)
                .put("hallucination_score_mean", 0.1 + random.nextDouble() * 0.05)
                .put("rouge_l_f_mean", 0.5 + random.nextDouble() * 0.05);
        return JSON.writeValueAsString(line);
    }

    private String drift(int key, int startIndex, SplittableRandom random) throws IOException {
        double score = random.nextDouble();
        double threshold = 0.0013;
        double statistic = (score - 0.5) * 0.004;
        ObjectNode line = JSON.createObjectNode()
                .put("window_start", START.plusSeconds(60L * startIndex).toString())
                .put("window_end", START.plusSeconds(60L * (startIndex + 5)).toString())
                .put("model", model(key)).put("route", route(key))
                .put("drift_field", "prompt").put("drift_status", "ok").put("drift_method", "mmd")
                .put("drift_score", score).put("drift_detected", statistic > threshold)
                .put("drift_statistic", statistic).put("drift_threshold", threshold)
                .put("drift_sample_count", 500).put("drift_seen_count", 5 * requestsPerWindow);
        return JSON.writeValueAsString(line);
    }

    private String alert(int key, int startIndex, int endIndex, String state, double value, int windows)
            throws IOException {
        ObjectNode line = JSON.createObjectNode()
                .put("alert", "latency_p95_high").put("state", state)
                .put("model", model(key)).put("route", route(key))
                .put("window_start", START.plusSeconds(60L * startIndex).toString())
                .put("window_end", START.plusSeconds(60L * endIndex).toString())
                .put("value", value).put("threshold", 8000.0).put("breached_windows", windows);
        if ("firing".equals(state)) {
            line.putArray("exemplars").add("trace-" + key + "-" + startIndex + "-a").add("trace-" + key + "-" + startIndex + "-b");
        } else {
            line.putNull("exemplars");
        }
        return JSON.writeValueAsString(line);
    }
}
