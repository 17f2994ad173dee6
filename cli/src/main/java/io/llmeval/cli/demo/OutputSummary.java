package io.llmeval.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.jobs.sink.FileOutputs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a finished run's output directory and reports what it found: windows, records, dead letters
 * by reason, and for each injected incident the metric it should move, inside versus outside it (topic drift:
 * the drift windows' drift_score, when the run had a reference).
 */
public final class OutputSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputSummary() {}

    /** Every JSON line of the committed part files under {@code dir/subdir} (in-progress files are hidden). */
    public static List<JsonNode> readLines(Path dir, String subdir) throws IOException {
        Path root = dir.resolve(subdir);
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return lines;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
            }
        }
        return lines;
    }

    public static void print(Path outputDir, List<Incident> incidents, PrintWriter out) throws IOException {
        List<JsonNode> windows = readLines(outputDir, FileOutputs.WINDOWS_DIR);
        List<JsonNode> deadLetters = readLines(outputDir, FileOutputs.DEAD_LETTERS_DIR);
        List<JsonNode> drift = readLines(outputDir, FileOutputs.DRIFT_DIR).stream()
                .filter(row -> row.get("drift_status").asText().equals("ok"))
                .toList();
        long records = windows.stream().mapToLong(w -> w.get("request_count").asLong()).sum();
        Map<String, Integer> reasons = new TreeMap<>();
        deadLetters.forEach(d -> reasons.merge(d.get("reason").asText(), 1, Integer::sum));

        out.println();
        out.printf("Summary: %d windows over %d records; %d dead letters %s%n",
                windows.size(), records, deadLetters.size(), reasons);
        for (Incident incident : incidents) {
            out.println("  " + describe(incident, incident.type() == IncidentType.TOPIC_DRIFT ? drift : windows));
        }
        out.flush();
    }

    static String describe(Incident incident, List<JsonNode> windows) {
        String metric = switch (incident.type()) {
            case LATENCY_SPIKE -> "latency_p95_ms";
            case ERROR_BURST -> "error_rate";
            case HALLUCINATION_SPIKE -> "hallucination_rate";
            case TOPIC_DRIFT -> "drift_score";
            case LENGTH_DRIFT -> "input_tokens_per_request";
        };
        double inside = 0;
        double outside = 0;
        int insideCount = 0;
        int outsideCount = 0;
        for (JsonNode w : windows) {
            if (!w.get("model").asText().equals(incident.model()) || !w.get("route").asText().equals(incident.route())) {
                continue;
            }
            Double value = value(w, metric);
            if (value == null) {
                continue;
            }
            long start = Instant.parse(w.get("window_start").asText()).toEpochMilli();
            long end = Instant.parse(w.get("window_end").asText()).toEpochMilli();
            if (start >= incident.startMillis() && end <= incident.endMillis()) {
                inside += value;
                insideCount++;
            } else if (end <= incident.startMillis() || start >= incident.endMillis()) {
                outside += value;
                outsideCount++;
            }
        }
        String head = String.format("%-20s %s/%s %s-%s", incident.type().id(), incident.model(), incident.route(),
                Instant.ofEpochMilli(incident.startMillis()).toString().substring(11, 16),
                Instant.ofEpochMilli(incident.endMillis()).toString().substring(11, 16));
        if (insideCount == 0 || outsideCount == 0) {
            return head + ": " + metric + (metric.equals("drift_score")
                    ? " needs a drift reference (--reference)" : " is not computed by this pipeline yet");
        }
        double in = inside / insideCount;
        double base = outside / outsideCount;
        String line = String.format("%s: %s %.3f inside (%d windows) vs %.3f outside (%d windows), x%.1f",
                head, metric, in, insideCount, base, outsideCount, base == 0 ? Double.NaN : in / base);
        if (metric.equals("drift_score")) {
            line += String.format("; drift_detected in %d of %d inside, %d of %d outside",
                    detected(incident, windows, true), insideCount, detected(incident, windows, false), outsideCount);
        }
        return line;
    }

    /** Drift windows of the incident's key, inside (or wholly outside) it, that detected drift. */
    private static long detected(Incident incident, List<JsonNode> driftWindows, boolean inside) {
        return driftWindows.stream()
                .filter(w -> w.get("model").asText().equals(incident.model()) && w.get("route").asText().equals(incident.route()))
                .filter(w -> {
                    long start = Instant.parse(w.get("window_start").asText()).toEpochMilli();
                    long end = Instant.parse(w.get("window_end").asText()).toEpochMilli();
                    return inside ? start >= incident.startMillis() && end <= incident.endMillis()
                            : end <= incident.startMillis() || start >= incident.endMillis();
                })
                .filter(w -> w.get("drift_detected").asBoolean())
                .count();
    }

    private static Double value(JsonNode window, String metric) {
        if (metric.equals("input_tokens_per_request")) {
            long requests = window.get("request_count").asLong();
            return requests == 0 ? null : window.get("input_tokens_sum").asDouble() / requests;
        }
        JsonNode node = window.get(metric);
        return node == null || node.isNull() ? null : node.asDouble();
    }
}
