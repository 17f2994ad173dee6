package io.llmeval.bench.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.inference.model.ModelFiles;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;

/**
 * One benchmark run of one engine in this JVM: sentences/s and peak RSS embedding generated English texts in
 * calls of {@code --batch} texts. {@code bench/embed-bench.sh} runs the matrix, each engine in its own JVM
 * (ONNX Runtime's spinning threads distort an interleaved run), and prints the table of
 * {@code docs/benchmarks.md}.
 *
 * <p>Usage: {@code EmbedBench --engine nd4j|ort --texts short|mixed|long --batch N [--threads 2]
 * [--warmup-s 3] [--seconds 10] [--max-length 256] [--soak-report-s 0]}. Prints one JSON line.
 * {@code --soak-report-s S} also prints RSS every S seconds (the 10-minute memory check).
 */
public final class EmbedBench {

    private EmbedBench() {}

    /** One embedding engine behind a common call. */
    private interface Engine extends AutoCloseable {
        float[][] embed(List<String> texts) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        String engineName = opts.getOrDefault("engine", "nd4j");
        String kind = opts.getOrDefault("texts", "mixed");
        int batch = Integer.parseInt(opts.getOrDefault("batch", "32"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
        double warmupS = Double.parseDouble(opts.getOrDefault("warmup-s", "3"));
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "10"));
        int maxLength = Integer.parseInt(opts.getOrDefault("max-length", "256"));
        double soakReportS = Double.parseDouble(opts.getOrDefault("soak-report-s", "0"));

        List<String> texts = BenchTexts.generate(kind, 4096, 42);
        long start = System.nanoTime();
        try (Engine engine = open(engineName, threads, maxLength)) {
            double loadS = (System.nanoTime() - start) / 1e9;
            run(engine, texts, batch, warmupS, 0);
            long rssAfterWarmup = status("VmRSS");
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            long n = run(engine, texts, batch, seconds, soakReportS);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("engine", engineName);
            result.put("texts", kind);
            result.put("batch", batch);
            result.put("threads", threads);
            result.put("sentences", n);
            result.put("seconds", round(elapsed));
            result.put("sentences_per_s", round(n / elapsed));
            result.put("cpu_s", round(cpu));
            result.put("sentences_per_cpu_s", round(n / cpu));
            result.put("avg_tokens", round(avgTokens(texts, maxLength)));
            result.put("load_s", round(loadS));
            result.put("rss_after_warmup_mb", rssAfterWarmup >> 10);
            result.put("rss_end_mb", status("VmRSS") >> 10);
            result.put("peak_rss_mb", status("VmHWM") >> 10);
            System.out.println(new ObjectMapper().writeValueAsString(result));
        }
    }

    private static Engine open(String name, int threads, int maxLength) throws Exception {
        switch (name) {
            case "nd4j": {
                SentenceEmbedder embedder = SentenceEmbedder.builder().maxLength(maxLength).threads(threads).build();
                return new Engine() {
                    public float[][] embed(List<String> t) {
                        return embedder.embed(t);
                    }

                    public void close() {
                        embedder.close();
                    }
                };
            }
            case "ort": {
                MiniLmTokenizer tokenizer =
                        MiniLmTokenizer.create(ModelFiles.classpath().readVerifiedTokenizer(), maxLength);
                OrtEmbedder ort = new OrtEmbedder(ModelFiles.classpath().readVerifiedOnnx(), tokenizer, threads);
                return new Engine() {
                    public float[][] embed(List<String> t) throws Exception {
                        return ort.embed(t);
                    }

                    public void close() throws Exception {
                        ort.close();
                        tokenizer.close();
                    }
                };
            }
            default:
                throw new IllegalArgumentException("engine must be nd4j or ort but was " + name);
        }
    }

    /** Embeds consecutive batches for {@code seconds}; returns the number of texts embedded. */
    private static long run(Engine engine, List<String> texts, int batch, double seconds, double reportS)
            throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long nextReport = reportS > 0 ? System.nanoTime() + (long) (reportS * 1e9) : Long.MAX_VALUE;
        long begin = System.nanoTime();
        long n = 0;
        int pos = 0;
        while (System.nanoTime() < end) {
            List<String> chunk = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                chunk.add(texts.get(pos));
                pos = (pos + 1) % texts.size();
            }
            float[][] v = engine.embed(chunk);
            if (v.length != batch) {
                throw new IllegalStateException("engine returned " + v.length + " vectors for " + batch + " texts");
            }
            n += batch;
            if (System.nanoTime() >= nextReport) {
                System.err.printf(Locale.ROOT, "soak t=%.0fs sentences=%d rss_mb=%d peak_rss_mb=%d%n",
                        (System.nanoTime() - begin) / 1e9, n, status("VmRSS") >> 10, status("VmHWM") >> 10);
                nextReport += (long) (reportS * 1e9);
            }
        }
        return n;
    }

    private static double avgTokens(List<String> texts, int maxLength) throws IOException {
        try (MiniLmTokenizer t = MiniLmTokenizer.create(ModelFiles.classpath().readVerifiedTokenizer(), maxLength)) {
            long sum = 0;
            int count = Math.min(texts.size(), 1024);
            for (int i = 0; i < count; i++) {
                sum += t.encode(texts.get(i)).length;
            }
            return (double) sum / count;
        }
    }

    /** CPU time of the whole process (all threads, spinning ones included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
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

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs but got " + String.join(" ", args));
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
