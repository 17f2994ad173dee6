package io.llmeval.bench.embed;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns the JSON lines of {@code EmbedBench matrix} into the tables of {@code docs/benchmarks.md}: for each text
 * set, the best configuration of each engine (highest sentences/s over the rounds) and the ratio of the two bests,
 * with sentences per CPU-second of the same measurements; then every configuration's best.
 *
 * <p>Usage: {@code EmbedBenchTable results.jsonl}.
 */
public final class EmbedBenchTable {

    private static final List<String> SET_ORDER = List.of("short", "mixed", "long", "drift");

    private EmbedBenchTable() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> bestByConfig = new LinkedHashMap<>();
        double minLoad = Double.MAX_VALUE;
        double maxLoad = 0;
        int rounds = 0;
        for (String line : Files.readAllLines(Paths.get(args[0]))) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode n = json.readTree(line);
            String key = n.get("set").asText() + "|" + n.get("engine").asText() + "|" + n.get("batch").asInt() + "|"
                    + n.get("setting").asText();
            bestByConfig.merge(key, n, (a, b) -> rate(b) > rate(a) ? b : a);
            minLoad = Math.min(minLoad, n.get("load1").asDouble());
            maxLoad = Math.max(maxLoad, n.get("load1").asDouble());
            rounds = Math.max(rounds, n.get("round").asInt());
        }
        List<JsonNode> configs = new ArrayList<>(bestByConfig.values());
        configs.sort(Comparator.<JsonNode>comparingInt(n -> SET_ORDER.indexOf(n.get("set").asText()))
                .thenComparing(n -> n.get("engine").asText())
                .thenComparingInt(n -> n.get("batch").asInt())
                .thenComparing(n -> n.get("setting").asText()));

        System.out.printf(Locale.ROOT, "Best of %d round(s); 1-minute load average during the run: %.1f-%.1f%n%n",
                rounds, minLoad, maxLoad);
        System.out.println("| texts (avg tokens) | ND4J best | ND4J sentences/s | ORT best | ORT sentences/s "
                + "| ND4J / ORT | ND4J sentences/CPU-s | ORT sentences/CPU-s | ND4J / ORT per CPU-s |");
        System.out.println("|---|---|---:|---|---:|---:|---:|---:|---:|");
        for (String set : SET_ORDER) {
            JsonNode nd4j = best(configs, set, "nd4j");
            JsonNode ort = best(configs, set, "ort");
            if (nd4j == null || ort == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s (%.0f) | %s | %.1f | %s | %.1f | **%.2f** | %.1f | %.1f | %.2f |%n",
                    label(set, nd4j), nd4j.get("avg_tokens").asDouble(), describe(nd4j), rate(nd4j), describe(ort),
                    rate(ort), rate(nd4j) / rate(ort), cpuRate(nd4j), cpuRate(ort), cpuRate(nd4j) / cpuRate(ort));
        }
        for (String set : List.of("drift")) {
            JsonNode nd4j = best(configs, set, "nd4j");
            JsonNode ort = best(configs, set, "ort");
            if (nd4j != null && ort != null) {
                System.out.printf(Locale.ROOT, "%nDrift window (%d unique prompts in one call): ND4J %.0f ms, "
                        + "ORT best %.0f ms (%s)%n", nd4j.get("window").asInt(), nd4j.get("ms_per_window").asDouble(),
                        ort.get("ms_per_window").asDouble(), describe(ort));
            }
        }

        System.out.println();
        System.out.println("| texts | engine | batch | setting | sentences/s | sentences/CPU-s | ms per window |");
        System.out.println("|---|---|---:|---|---:|---:|---:|");
        for (JsonNode n : configs) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %.1f | %.1f | %.0f |%n", n.get("set").asText(),
                    n.get("engine").asText(), n.get("batch").asInt(), n.get("setting").asText(), rate(n), cpuRate(n),
                    n.get("ms_per_window").asDouble());
        }
    }

    private static JsonNode best(List<JsonNode> configs, String set, String engine) {
        return configs.stream()
                .filter(n -> n.get("set").asText().equals(set) && n.get("engine").asText().equals(engine))
                .max(Comparator.comparingDouble(EmbedBenchTable::rate))
                .orElse(null);
    }

    private static String label(String set, JsonNode n) {
        return set.equals("drift") ? "drift window of " + n.get("window").asInt() : set;
    }

    private static String describe(JsonNode n) {
        return "batch " + n.get("batch").asInt() + ", " + n.get("setting").asText();
    }

    private static double rate(JsonNode n) {
        return n.get("sentences_per_s").asDouble();
    }

    private static double cpuRate(JsonNode n) {
        return n.get("sentences_per_cpu_s").asDouble();
    }
}
