package io.llmeval.bench;

import io.llmeval.udfs.rouge.RougeMetric;
import io.llmeval.udfs.rouge.RougeScorer;
import io.llmeval.udfs.text.Tokenizer;
import io.llmeval.udfs.text.TokenizerMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread throughput of {@link RougeScorer} (rouge1, rouge2, rougeL, rougeLsum) on short, medium
 * and long synthetic English pairs: a warm-up, then timed runs, reporting the median pairs/s.
 *
 * <p>Two rates are reported per run: by wall-clock time, and by the thread's CPU time (pairs per
 * CPU-second). They agree on an idle machine; when other processes share the core, the CPU-time rate is
 * the one that still measures the code.
 *
 * <pre>
 * Usage: RougeBenchmark [--warmup-seconds N] [--run-seconds N] [--runs N] [--stem true|false]
 *                       [--tokenizer rouge-score|unicode] [--seed N] [--help]
 * Defaults: --warmup-seconds 3 --run-seconds 2 --runs 5 --stem true --tokenizer rouge-score --seed 42
 * </pre>
 *
 * <p>Run through {@code bench/rouge-bench.sh}, which builds the module and pins the JVM to one core.
 * The texts are deterministic for a seed (see {@link RougeBenchCorpus}).
 */
public final class RougeBenchmark {

    /** Sizes: reference and candidate words, and how many distinct pairs to cycle through. */
    private enum Size {
        SHORT(20, 20, 4000), MEDIUM(100, 400, 1000), LONG(500, 2000, 200);

        final int referenceTokens;
        final int candidateTokens;
        final int pairs;

        Size(int referenceTokens, int candidateTokens, int pairs) {
            this.referenceTokens = referenceTokens;
            this.candidateTokens = candidateTokens;
            this.pairs = pairs;
        }
    }

    /** The parsed command line. */
    record Options(double warmupSeconds, double runSeconds, int runs, boolean stem, TokenizerMode tokenizer,
            long seed) {

        static Options parse(String[] args) {
            Flags f = BenchFlags.parse(new Flags(), args);
            return new Options(f.warmupSeconds, f.runSeconds, f.runs, f.stem, f.tokenizer, f.seed);
        }
    }

    @Command(name = "RougeBenchmark", mixinStandardHelpOptions = true,
            description = "Single-thread ROUGE throughput on synthetic English pairs.")
    static final class Flags {
        @Option(names = "--warmup-seconds", description = "Warm-up per size (default ${DEFAULT-VALUE}).")
        double warmupSeconds = 3;
        @Option(names = "--run-seconds", description = "Length of a timed run (default ${DEFAULT-VALUE}).")
        double runSeconds = 2;
        @Option(names = "--runs", description = "Timed runs per size (default ${DEFAULT-VALUE}).")
        int runs = 5;
        @Option(names = "--stem", arity = "1", paramLabel = "true|false", description = "Porter stemmer (default ${DEFAULT-VALUE}).")
        boolean stem = true;
        @Option(names = "--tokenizer", paramLabel = "rouge-score|unicode", description = "Tokenizer (default rouge-score).")
        TokenizerMode tokenizer = TokenizerMode.ROUGE_SCORE;
        @Option(names = "--seed", description = "Seed of the synthetic texts (default ${DEFAULT-VALUE}).")
        long seed = 42;
    }

    /** One timed run. */
    private record Rate(double wallPairsPerSecond, double cpuPairsPerSecond) {
    }

    private final Options options;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private double sink; // keeps the JIT from discarding the scores

    RougeBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        new RougeBenchmark(Options.parse(args)).run();
    }

    void run() {
        RougeScorer scorer = RougeScorer.builder()
                .metrics(RougeMetric.ROUGE_1, RougeMetric.ROUGE_2, RougeMetric.ROUGE_L, RougeMetric.ROUGE_LSUM)
                .useStemmer(options.stem())
                .tokenizerMode(options.tokenizer())
                .build();
        System.out.printf(Locale.ROOT, "ROUGE benchmark: %s, stemmer %s, tokenizer %s, 1 thread, %s %s%n",
                scorer.metrics(), options.stem() ? "on" : "off", options.tokenizer(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "synthetic English, seed %d, %d word forms; warm-up %.1fs, then %d runs of "
                        + "%.1fs; figures are the median run%n", options.seed(),
                new RougeBenchCorpus(options.seed()).vocabularySize(), options.warmupSeconds(), options.runs(),
                options.runSeconds());
        System.out.printf(Locale.ROOT, "%-7s %-11s %14s %20s %16s %12s%n",
                "size", "tokens r/c", "pairs/s wall", "(min-max)", "pairs/cpu-s", "us/pair cpu");
        for (Size size : Size.values()) {
            measure(scorer, size);
        }
        if (sink == 42.4242) {
            System.out.println();
        }
    }

    private void measure(RougeScorer scorer, Size size) {
        RougeBenchCorpus corpus = new RougeBenchCorpus(options.seed() + size.ordinal());
        String[] references = new String[size.pairs];
        String[] candidates = new String[size.pairs];
        for (int i = 0; i < size.pairs; i++) {
            references[i] = corpus.text(size.referenceTokens);
            candidates[i] = corpus.rewrite(references[i], size.candidateTokens);
        }
        Tokenizer tokenizer = Tokenizer.of(options.tokenizer(), false);
        double refTokens = Arrays.stream(references).mapToInt(t -> tokenizer.tokenize(t).size()).average().orElse(0);
        double candTokens = Arrays.stream(candidates).mapToInt(t -> tokenizer.tokenize(t).size()).average().orElse(0);

        timedRun(scorer, references, candidates, options.warmupSeconds());
        List<Rate> rates = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            rates.add(timedRun(scorer, references, candidates, options.runSeconds()));
        }
        double[] wall = rates.stream().mapToDouble(Rate::wallPairsPerSecond).sorted().toArray();
        double[] cpu = rates.stream().mapToDouble(Rate::cpuPairsPerSecond).sorted().toArray();
        double cpuMedian = cpu[cpu.length / 2];
        System.out.printf(Locale.ROOT, "%-7s %-11s %,14.0f %20s %,16.0f %12.2f%n",
                size.name().toLowerCase(Locale.ROOT), String.format(Locale.ROOT, "%.0f/%.0f", refTokens, candTokens),
                wall[wall.length / 2],
                String.format(Locale.ROOT, "(%,.0f-%,.0f)", wall[0], wall[wall.length - 1]),
                cpuMedian, 1e6 / cpuMedian);
    }

    /** Scores the pairs round-robin for about {@code seconds} of wall-clock time. */
    private Rate timedRun(RougeScorer scorer, String[] references, String[] candidates, double seconds) {
        long budget = (long) (seconds * 1e9);
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long now = start;
        long pairs = 0;
        double acc = 0;
        while (now - start < budget) {
            for (int i = 0; i < references.length; i++) {
                acc += scorer.score(references[i], candidates[i]).get(3).fmeasure();
            }
            pairs += references.length;
            now = System.nanoTime();
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        sink += acc;
        return new Rate(pairs / ((now - start) / 1e9), pairs / (cpu / 1e9));
    }
}
