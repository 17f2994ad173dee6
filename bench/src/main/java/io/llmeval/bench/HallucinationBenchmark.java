package io.llmeval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.udfs.hallucination.HallucinationScorer;
import io.llmeval.udfs.text.Tokenizer;
import io.llmeval.udfs.text.TokenizerMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread throughput of {@link HallucinationScorer#score} (all signals: content words, bigrams,
 * entities, numbers, ROUGE-1/2/L/Lsum) on the 1,000 (knowledge, answer) records of the HaluEval QA
 * development file: a warm-up, then timed runs, reporting the median records/s by wall clock and per
 * CPU-second of the benchmark thread.
 *
 * <pre>
 * Usage: HallucinationBenchmark [--halueval FILE] [--warmup-seconds N] [--run-seconds N] [--runs N]
 *                               [--tokenizer rouge-score|unicode] [--help]
 * Defaults: --halueval data/halueval/qa_one-turn_data.json --warmup-seconds 5 --run-seconds 2
 *           --runs 5 --tokenizer rouge-score
 * </pre>
 *
 * <p>Warm-up and runs are measured in CPU seconds of the benchmark thread, so a loaded machine stretches
 * them in wall-clock time but still warms the JIT up fully.
 *
 * <p>Run through {@code bench/hallucination-bench.sh}, which builds the module and pins the JVM to one core.
 */
public final class HallucinationBenchmark {

    /** The parsed command line. */
    record Options(Path haluEval, double warmupSeconds, double runSeconds, int runs, TokenizerMode tokenizer) {

        static Options parse(String[] args) {
            Flags f = BenchFlags.parse(new Flags(), args);
            return new Options(f.haluEval, f.warmupSeconds, f.runSeconds, f.runs, f.tokenizer);
        }
    }

    @Command(name = "HallucinationBenchmark", mixinStandardHelpOptions = true,
            description = "Single-thread HallucinationScorer throughput on the HaluEval QA development file.")
    static final class Flags {
        @Option(names = "--halueval", paramLabel = "FILE", description = "HaluEval QA file (default ${DEFAULT-VALUE}).")
        Path haluEval = Paths.get("data", "halueval", "qa_one-turn_data.json");
        @Option(names = "--warmup-seconds", description = "Warm-up in CPU seconds (default ${DEFAULT-VALUE}).")
        double warmupSeconds = 5;
        @Option(names = "--run-seconds", description = "Length of a timed run in CPU seconds (default ${DEFAULT-VALUE}).")
        double runSeconds = 2;
        @Option(names = "--runs", description = "Timed runs (default ${DEFAULT-VALUE}).")
        int runs = 5;
        @Option(names = "--tokenizer", paramLabel = "rouge-score|unicode", description = "Tokenizer (default rouge-score).")
        TokenizerMode tokenizer = TokenizerMode.ROUGE_SCORE;
    }

    /** One timed run. */
    private record Rate(double wallPerSecond, double cpuPerSecond) {
    }

    private final Options options;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private double sink; // keeps the JIT from discarding the scores

    HallucinationBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        if (!Files.isRegularFile(options.haluEval())) {
            System.err.println("HaluEval file not found: " + options.haluEval().toAbsolutePath()
                    + " (run from the project root, or pass --halueval FILE)");
            System.exit(3);
            return;
        }
        new HallucinationBenchmark(options).run();
    }

    void run() throws IOException {
        List<String[]> records = read(options.haluEval()); // {response, reference}
        String[] responses = records.stream().map(r -> r[0]).toArray(String[]::new);
        String[] references = records.stream().map(r -> r[1]).toArray(String[]::new);
        Tokenizer tokenizer = Tokenizer.of(options.tokenizer(), false);
        double responseTokens = records.stream().mapToInt(r -> tokenizer.tokenize(r[0]).size()).average().orElse(0);
        double referenceTokens = records.stream().mapToInt(r -> tokenizer.tokenize(r[1]).size()).average().orElse(0);

        HallucinationScorer scorer = HallucinationScorer.builder().tokenizerMode(options.tokenizer()).build();
        System.out.printf(Locale.ROOT, "Hallucination benchmark: HallucinationScorer, tokenizer %s, 1 thread, %s %s%n",
                options.tokenizer(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%d HaluEval records (%s), tokens response/reference %.1f/%.1f; warm-up %.1f CPU-s, "
                        + "then %d runs of %.1f CPU-s; figures are the median run%n", records.size(),
                options.haluEval().getFileName(), responseTokens, referenceTokens, options.warmupSeconds(),
                options.runs(), options.runSeconds());

        timedRun(scorer, responses, references, options.warmupSeconds());
        List<Rate> rates = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            rates.add(timedRun(scorer, responses, references, options.runSeconds()));
        }
        double[] wall = rates.stream().mapToDouble(Rate::wallPerSecond).sorted().toArray();
        double[] cpu = rates.stream().mapToDouble(Rate::cpuPerSecond).sorted().toArray();
        double cpuMedian = cpu[cpu.length / 2];
        System.out.printf(Locale.ROOT, "%16s %20s %18s %14s%n", "records/s wall", "(min-max)", "records/cpu-s",
                "us/record cpu");
        System.out.printf(Locale.ROOT, "%,16.0f %20s %,18.0f %14.2f%n", wall[wall.length / 2],
                String.format(Locale.ROOT, "(%,.0f-%,.0f)", wall[0], wall[wall.length - 1]), cpuMedian,
                1e6 / cpuMedian);
        if (sink == 42.4242) {
            System.out.println();
        }
    }

    /**
     * Scores the records round-robin until this thread has used about {@code seconds} of CPU time (not wall
     * time: on a shared machine a wall-clock warm-up may end before the JIT has compiled the hot code).
     */
    private Rate timedRun(HallucinationScorer scorer, String[] responses, String[] references, double seconds) {
        long budget = (long) (seconds * 1e9);
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long cpu = 0;
        long count = 0;
        double acc = 0;
        while (cpu < budget) {
            for (int i = 0; i < responses.length; i++) {
                acc += scorer.score(responses[i], references[i], null, null, null).hallucinationScore();
            }
            count += responses.length;
            cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        long now = System.nanoTime();
        sink += acc;
        return new Rate(count / ((now - start) / 1e9), count / (cpu / 1e9));
    }

    /** Two records per line: (right_answer, knowledge) and (hallucinated_answer, knowledge). */
    private static List<String[]> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String[]> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            String knowledge = node.get("knowledge").asText();
            records.add(new String[] {node.get("right_answer").asText(), knowledge});
            records.add(new String[] {node.get("hallucinated_answer").asText(), knowledge});
        }
        return records;
    }
}
