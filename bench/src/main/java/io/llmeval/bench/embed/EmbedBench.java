package io.llmeval.bench.embed;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.inference.model.ModelFiles;
import io.llmeval.inference.model.OnnxReference;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedding benchmark behind {@code bench/embed-bench.sh}: this project's ND4J encoder against ONNX Runtime
 * on the same model file and token ids, best configuration against best configuration.
 *
 * <p>{@code matrix}: both engines in this one JVM, every configuration (ND4J: batch size; ONNX Runtime: batch
 * size, arrival order or length-sorted batches, one run with all threads or one single-threaded run per core) is
 * timed in turn within each round, rounds alternating the order, so that both engines see the same machine load;
 * each measurement embeds whole windows of {@code --window} texts for at least {@code --seconds}. Prints one JSON
 * line per measurement; {@link EmbedBenchTable} turns them into the tables of {@code docs/benchmarks.md}. The set
 * {@code drift} is the drift-window case: 500 unique prompts embedded in one call.
 *
 * <p>{@code soak}: ND4J alone on mixed texts for {@code --seconds}, RSS every {@code --report-s}.
 */
@Command(name = "EmbedBench", mixinStandardHelpOptions = true, subcommands = {EmbedBench.Matrix.class,
        EmbedBench.Soak.class})
public final class EmbedBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmbedBench()).execute(args));
    }

    /** Options of every mode. */
    static class Common {
        @Option(names = "--texts-file", description = "Benchmark texts (default: ${DEFAULT-VALUE}).")
        Path textsFile = EmbedTexts.DEFAULT_FILE;

        @Option(names = "--threads", description = "Cores given to each engine (default: ${DEFAULT-VALUE}).")
        int threads = 2;

        @Option(names = "--max-length", description = "Token ids per text (default: ${DEFAULT-VALUE}).")
        int maxLength = MiniLmTokenizer.DEFAULT_MAX_LENGTH;
    }

    @Command(name = "matrix", description = "Time every configuration of both engines, interleaved.")
    static final class Matrix extends Common implements Callable<Integer> {
        @Option(names = "--sets", split = ",", description = "Text sets: short, mixed, long, drift (default: ${DEFAULT-VALUE}).")
        List<String> sets = List.of("short", "mixed", "long");

        @Option(names = "--engines", split = ",", description = "nd4j, ort (default: ${DEFAULT-VALUE}).")
        List<String> engineNames = List.of("nd4j", "ort");

        @Option(names = "--nd4j-batches", split = ",", description = "ND4J batch sizes (default: ${DEFAULT-VALUE}).")
        List<Integer> nd4jBatches = List.of(8, 32, 64, 128);

        @Option(names = "--nd4j-max-tokens", split = ",", description = "ND4J tokens per forward pass, at most "
                + "(default: ${DEFAULT-VALUE}, the embedder's default).")
        List<Integer> nd4jMaxTokens = List.of(SentenceEmbedder.DEFAULT_MAX_BATCH_TOKENS);

        @Option(names = "--ort-batches", split = ",", description = "ONNX Runtime batch sizes (default: ${DEFAULT-VALUE}).")
        List<Integer> ortBatches = List.of(1, 8, 32, 64);

        @Option(names = "--ort-runs", split = ",", description = "Concurrent ONNX Runtime runs: 1 = one run with "
                + "--threads intra-op threads, --threads = one single-threaded run per core (default: ${DEFAULT-VALUE}).")
        List<Integer> ortRuns = List.of(1, 2);

        @Option(names = "--window", description = "Texts per call; ORT sorts within it (default: ${DEFAULT-VALUE}; drift: 500).")
        int window = 256;

        @Option(names = "--seconds", description = "Least time per measurement (default: ${DEFAULT-VALUE}).")
        double seconds = 5;

        @Option(names = "--rounds", description = "Rounds; the table keeps each configuration's best (default: ${DEFAULT-VALUE}).")
        int rounds = 2;

        @Option(names = "--pause-ms", description = "Idle time between measurements, so that spinning pool "
                + "threads of the previous one go to sleep (default: ${DEFAULT-VALUE}).")
        long pauseMs = 300;

        @Override
        public Integer call() throws Exception {
            ModelFiles files = ModelFiles.classpath();
            List<AutoCloseable> resources = new ArrayList<>();
            try (MiniLmTokenizer tokenizer = MiniLmTokenizer.create(files.readVerifiedTokenizer(), maxLength)) {
                List<EmbedEngine> engines = new ArrayList<>();
                for (int batch : engineNames.contains("nd4j") ? nd4jBatches : List.<Integer>of()) {
                    for (int tokens : nd4jMaxTokens) {
                        SentenceEmbedder embedder = SentenceEmbedder.builder().maxLength(maxLength).batchSize(batch)
                                .maxBatchTokens(tokens).threads(threads).build();
                        resources.add(embedder);
                        engines.add(new EmbedEngine.Nd4j(embedder, batch, threads));
                    }
                }
                for (int runs : engineNames.contains("ort") ? ortRuns : List.<Integer>of()) {
                    int threadsPerRun = Math.max(1, threads / runs);
                    OnnxReference session = new OnnxReference(files.readVerifiedOnnx(), threadsPerRun);
                    resources.add(session);
                    ExecutorService pool = EmbedEngine.Ort.pool(runs);
                    if (pool != null) {
                        resources.add(pool::shutdownNow);
                    }
                    for (int batch : ortBatches) {
                        engines.add(new EmbedEngine.Ort(session, tokenizer, batch, false, runs, threadsPerRun, pool));
                        if (batch > 1) {
                            engines.add(new EmbedEngine.Ort(session, tokenizer, batch, true, runs, threadsPerRun, pool));
                        }
                    }
                }
                for (String set : sets) {
                    run(set, engines, tokenizer);
                }
            } finally {
                for (AutoCloseable r : resources) {
                    r.close();
                }
            }
            return 0;
        }

        private void run(String set, List<EmbedEngine> engines, MiniLmTokenizer tokenizer) throws Exception {
            List<String> texts = set.equals("drift") ? EmbedTexts.driftWindow(textsFile) : EmbedTexts.load(textsFile, set);
            int size = set.equals("drift") ? texts.size() : Math.min(window, texts.size());
            List<List<String>> windows = new ArrayList<>();
            for (int from = 0; from + size <= texts.size(); from += size) {
                windows.add(texts.subList(from, from + size));
            }
            double avgTokens = averageTokens(tokenizer, texts);
            for (EmbedEngine e : engines) {
                e.embed(windows.get(0)); // warm-up: JIT, workspaces, ORT's arenas
            }
            List<EmbedEngine> order = new ArrayList<>(engines);
            for (int round = 1; round <= rounds; round++) {
                for (EmbedEngine e : order) {
                    Thread.sleep(pauseMs);
                    Map<String, Object> m = measure(e, windows, seconds);
                    m.put("set", set);
                    m.put("round", round);
                    m.put("window", size);
                    m.put("avg_tokens", round1(avgTokens));
                    System.out.println(JSON.writeValueAsString(reorder(m)));
                }
                Collections.reverse(order);
            }
        }
    }

    @Command(name = "soak", description = "ND4J alone on mixed texts, RSS every --report-s seconds.")
    static final class Soak extends Common implements Callable<Integer> {
        @Option(names = "--seconds", description = "Duration (default: ${DEFAULT-VALUE}).")
        double seconds = 600;

        @Option(names = "--report-s", description = "RSS report interval (default: ${DEFAULT-VALUE}).")
        double reportS = 30;

        @Option(names = "--batch", description = "Texts per call (default: ${DEFAULT-VALUE}).")
        int batch = 32;

        @Override
        public Integer call() throws Exception {
            List<String> texts = EmbedTexts.load(textsFile, "mixed");
            try (SentenceEmbedder embedder = SentenceEmbedder.builder().maxLength(maxLength).threads(threads).build()) {
                long begin = System.nanoTime();
                long nextReport = begin + (long) (reportS * 1e9);
                long n = 0;
                int pos = 0;
                while (System.nanoTime() - begin < seconds * 1e9) {
                    int to = Math.min(texts.size(), pos + batch);
                    n += embedder.embed(texts.subList(pos, to)).length;
                    pos = to % texts.size();
                    if (System.nanoTime() >= nextReport) {
                        System.out.printf(Locale.ROOT, "soak t=%.0fs sentences=%d rss_mb=%d peak_rss_mb=%d%n",
                                (System.nanoTime() - begin) / 1e9, n, status("VmRSS") >> 10, status("VmHWM") >> 10);
                        nextReport += (long) (reportS * 1e9);
                    }
                }
            }
            return 0;
        }
    }

    /** Embeds consecutive windows for at least {@code seconds} (at least one window). */
    static Map<String, Object> measure(EmbedEngine engine, List<List<String>> windows, double seconds)
            throws Exception {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long n = 0;
        int calls = 0;
        do {
            List<String> window = windows.get(calls % windows.size());
            float[][] v = engine.embed(window);
            if (v.length != window.size() || Float.isNaN(v[v.length - 1][0])) {
                throw new IllegalStateException(engine.engine() + " returned bad vectors");
            }
            n += v.length;
            calls++;
        } while (System.nanoTime() - t0 < seconds * 1e9);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", engine.engine());
        m.put("batch", engine.batch());
        m.put("setting", engine.setting());
        m.put("sentences", n);
        m.put("seconds", round3(elapsed));
        m.put("sentences_per_s", round1(n / elapsed));
        m.put("ms_per_window", round1(elapsed * 1000 / calls));
        m.put("cpu_s", round3(cpu));
        m.put("sentences_per_cpu_s", round1(n / cpu));
        m.put("load1", loadAverage());
        return m;
    }

    private static Map<String, Object> reorder(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of("set", "engine", "batch", "setting", "round", "window", "avg_tokens")) {
            out.put(k, m.get(k));
        }
        out.putAll(m);
        return out;
    }

    private static double averageTokens(MiniLmTokenizer tokenizer, List<String> texts) {
        long sum = 0;
        for (int[] ids : tokenizer.encode(texts)) {
            sum += ids.length;
        }
        return (double) sum / texts.size();
    }

    /** CPU time of the whole process (all threads, spinning ones included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** A value in kB from /proc/self/status ({@code VmRSS}, {@code VmHWM}). */
    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
