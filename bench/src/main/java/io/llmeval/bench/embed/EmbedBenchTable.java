package io.llmeval.bench.embed;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns the JSON lines of {@link EmbedBench} runs into the Markdown table of {@code docs/benchmarks.md}: per text
 * kind and batch size, the best sentences/s of each engine over the rounds (wall clock and per CPU-second of the whole process), their
 * ratios, and peak RSS.
 *
 * <p>Usage: {@code EmbedBenchTable results.jsonl}.
 */
public final class EmbedBenchTable {

    private EmbedBenchTable() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> best = new TreeMap<>();
        for (String line : Files.readAllLines(Paths.get(args[0]))) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode n = json.readTree(line);
            String key = order(n.get("texts").asText()) + n.get("texts").asText() + "|"
                    + String.format(Locale.ROOT, "%04d", n.get("batch").asInt()) + "|" + n.get("engine").asText();
            JsonNode previous = best.get(key);
            if (previous == null || n.get("sentences_per_s").asDouble() > previous.get("sentences_per_s").asDouble()) {
                best.put(key, n);
            }
        }
        System.out.println("| texts (avg tokens) | batch | ND4J sentences/s | ORT sentences/s | ND4J / ORT "
                + "| ND4J sentences/CPU-s | ORT sentences/CPU-s | ND4J / ORT per CPU-s | ND4J peak RSS MB "
                + "| ORT peak RSS MB |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, JsonNode> e : best.entrySet()) {
            if (!e.getKey().endsWith("|nd4j")) {
                continue;
            }
            JsonNode nd4j = e.getValue();
            JsonNode ort = best.get(e.getKey().substring(0, e.getKey().length() - "nd4j".length()) + "ort");
            double ratio = ort == null ? Double.NaN
                    : nd4j.get("sentences_per_s").asDouble() / ort.get("sentences_per_s").asDouble();
            double cpuRatio = ort == null ? Double.NaN
                    : nd4j.get("sentences_per_cpu_s").asDouble() / ort.get("sentences_per_cpu_s").asDouble();
            System.out.printf(Locale.ROOT, "| %s (%.0f) | %d | %.1f | %s | %s | %.1f | %s | %s | %d | %s |%n",
                    nd4j.get("texts").asText(), nd4j.get("avg_tokens").asDouble(), nd4j.get("batch").asInt(),
                    nd4j.get("sentences_per_s").asDouble(), value(ort, "sentences_per_s"), format(ratio),
                    nd4j.get("sentences_per_cpu_s").asDouble(), value(ort, "sentences_per_cpu_s"), format(cpuRatio),
                    nd4j.get("peak_rss_mb").asInt(), ort == null ? "-" : ort.get("peak_rss_mb").asText());
        }
    }

    private static String value(JsonNode run, String field) {
        return run == null ? "-" : String.format(Locale.ROOT, "%.1f", run.get(field).asDouble());
    }

    private static String format(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String order(String kind) {
        switch (kind) {
            case "short":
                return "1";
            case "mixed":
                return "2";
            default:
                return "3";
        }
    }
}
