package io.llmeval.bench.drift;

import io.llmeval.bench.BenchFlags;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.udfs.drift.DriftDetector;
import io.llmeval.udfs.drift.DriftMethod;
import io.llmeval.udfs.drift.DriftReport;
import io.llmeval.udfs.drift.DriftResult;
import io.llmeval.udfs.drift.EmbeddingReference;
import io.llmeval.udfs.drift.ReservoirSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Detection power, false-alarm rate and window-close time of every embedding drift method on real
 * all-MiniLM-L6-v2 embeddings (this project's ND4J encoder) of the generator's topic-drift incident.
 *
 * <p>Texts: {@link TopicDriftPrompts} generates {@code --records} log lines with the topic-drift incident
 * and keeps the prompts of the key that gets it ({@code gpt-4o-mini/rag}). The first {@code --reference-size}
 * clean prompts (outside the incident, arrival order) are the reference, subsampled to
 * {@code --max-reference} rows as the detector does; the later clean prompts are the pool of no-drift
 * rows and the in-incident medicine questions the pool of drifted rows. A window of n rows draws
 * {@code round(shift * n)} rows from the drift pool and the rest from the clean pool, both with replacement,
 * in random order: the prompts come from finite template sets, so windows repeat texts as templated
 * traffic does. Shift 0 is the no-drift control. Each distinct text is embedded once
 * ({@link EmbeddingCache}, kept in {@code --cache} so a rerun skips the model).
 *
 * <p>Then the generator's own windows: 5-minute tumbling windows of the key that share no record with
 * the reference (the two incident windows and the clean ones after the reference), each sampled by
 * {@link ReservoirSampler#forVectors()} and judged by a {@link DriftDetector} with default settings and
 * every method.
 *
 * <pre>
 * Usage: MiniLmPowerBenchmark [--trials N] [--sizes 100,500] [--shifts 0.05,0.1,0.2,0.5] [--methods id,...]
 *                             [--thresholds id=value,...] [--records N] [--reference-size N]
 *                             [--max-reference N] [--generator-windows true|false] [--cache FILE|none] [--seed N]
 * Defaults: --trials 100 --sizes 100,500 --shifts 0.05,0.1,0.2,0.5 --methods (all) --thresholds (defaults)
 *           --records 120000 --reference-size 10000 --max-reference 1000 --generator-windows true
 *           --cache bench/target/drift-minilm-embeddings.bin --seed 42
 * </pre>
 *
 * <p>Run through {@code bench/drift-power-bench.sh --embeddings minilm}, which builds the module, pins the
 * JVM to one core and gives ND4J one thread.
 */
public final class MiniLmPowerBenchmark {

    /** The parsed command line. */
    record Options(int trials, int[] sizes, double[] shifts, List<DriftMethod> methods, Map<String, Double> thresholds,
            long records, int referenceSize, int maxReference, boolean generatorWindows, Path cache, long seed) {

        static Options parse(String[] args) {
            Flags f = BenchFlags.parse(new Flags(), args);
            return new Options(f.common.trials, f.common.sizes, f.common.shifts, f.common.methods,
                    f.common.thresholdsById(), f.records, f.referenceSize, f.maxReference, f.generatorWindows,
                    f.cache.equals("none") ? null : Path.of(f.cache), f.seed);
        }
    }

    @Command(name = "MiniLmPowerBenchmark", mixinStandardHelpOptions = true,
            description = "Drift methods' power and false alarms on all-MiniLM-L6-v2 embeddings of the generator's topic drift.")
    static final class Flags {
        @Mixin
        PowerRun.CommonFlags common = new PowerRun.CommonFlags();
        @Option(names = "--records", description = "Log lines generated (default ${DEFAULT-VALUE}).")
        long records = 120_000;
        @Option(names = "--reference-size", description = "Clean prompts in the reference (default ${DEFAULT-VALUE}).")
        int referenceSize = 10_000;
        @Option(names = "--max-reference", description = "Reference rows kept, as the detector's subsample (default ${DEFAULT-VALUE}).")
        int maxReference = 1000;
        @Option(names = "--generator-windows", arity = "1", paramLabel = "true|false",
                description = "Also judge the generator's own 5-minute windows (default ${DEFAULT-VALUE}).")
        boolean generatorWindows = true;
        @Option(names = "--cache", paramLabel = "FILE|none", description = "Embedding cache (default ${DEFAULT-VALUE}).")
        String cache = "bench/target/drift-minilm-embeddings.bin";
        @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed = 42;
    }

    private MiniLmPowerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        System.out.println("Load average at start: " + loadAverage());

        // Texts: the incident key's prompts, split into the reference, the clean pool and the drift pool.
        long t0 = System.nanoTime();
        TopicDriftPrompts prompts = TopicDriftPrompts.generate(options.records(), options.seed());
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        List<TopicDriftPrompts.Prompt> clean = prompts.clean();
        if (clean.size() <= options.referenceSize()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d clean prompts on the incident key, need more than --reference-size %d: raise --records",
                    clean.size(), options.referenceSize()));
        }
        List<TopicDriftPrompts.Prompt> referencePrompts = clean.subList(0, options.referenceSize());
        List<TopicDriftPrompts.Prompt> cleanPool = clean.subList(options.referenceSize(), clean.size());
        List<TopicDriftPrompts.Prompt> driftPool = prompts.driftTopic();

        // Embeddings: each distinct text once.
        EmbeddingCache cache = EmbeddingCache.load(options.cache());
        cache.embedMissing(prompts.keyPrompts().stream().map(TopicDriftPrompts.Prompt::text).toList());
        cache.save();

        float[][] referenceVectors = vectors(referencePrompts, cache);
        float[][] cleanVectors = vectors(cleanPool, cache);
        float[][] driftVectors = vectors(driftPool, cache);
        long detectorSeed = options.seed() + 2;
        long start = System.nanoTime();
        EmbeddingReference reference =
                EmbeddingReference.subsample(referenceVectors, options.maxReference(), detectorSeed);
        double subsampleMillis = (System.nanoTime() - start) / 1e6;

        Incident incident = prompts.incident();
        System.out.printf(Locale.ROOT, "Generator: %d records, seed %d, topic_drift on %s/%s from %s to %s (%.1f s)%n",
                prompts.records(), options.seed(), incident.model(), incident.route(),
                Instant.ofEpochMilli(incident.startMillis()), Instant.ofEpochMilli(incident.endMillis()), generateSeconds);
        System.out.printf(Locale.ROOT, "Key prompts: %d; clean (outside the incident) %d = reference %d + pool %d; "
                        + "drift topic (medicine questions in the incident) %d; usual topics in the incident %d "
                        + "(unused); medicine questions outside the incident %d%n",
                prompts.keyPrompts().size(), clean.size(), referencePrompts.size(), cleanPool.size(),
                driftPool.size(), prompts.incidentUsualTopic(), prompts.medicineOutsideIncident());
        System.out.printf(Locale.ROOT, "Distinct texts: reference %d, clean pool %d (%d not in the reference), "
                        + "drift pool %d%n",
                TopicDriftPrompts.distinct(referencePrompts), TopicDriftPrompts.distinct(cleanPool),
                notIn(cleanPool, referencePrompts), TopicDriftPrompts.distinct(driftPool));
        System.out.println("Embeddings: " + cache.summary());
        System.out.println(geometry(referencePrompts, driftPool, cache));

        // Power: every method on trials windows per (size, shift).
        PowerRun.Settings settings = new PowerRun.Settings(options.trials(), options.sizes(), options.shifts(),
                options.methods(), options.thresholds(), options.seed(), detectorSeed);
        PowerRun run = PowerRun.run(reference, settings,
                (size, shift, random) -> window(cleanVectors, driftVectors, size, shift, random));

        System.out.printf(Locale.ROOT, "%nall-MiniLM-L6-v2, generator topic drift: reference %d subsampled to %d "
                        + "(%.0f ms), %d windows per cell, seed %d%n",
                referencePrompts.size(), reference.size(), subsampleMillis, options.trials(), options.seed());
        System.out.println(run.thresholdsLine());
        System.out.println(run.firstCallsLine());
        System.out.println();
        run.printTable(System.out);
        System.out.println(run.processCpuLine());

        if (options.generatorWindows()) {
            System.out.println();
            generatorWindows(prompts, referencePrompts, referenceVectors, cache, options);
        }
        System.out.println();
        System.out.println("Load average at end: " + loadAverage());
    }

    /** A window: {@code round(shift * size)} rows from the drift pool, the rest from the clean pool, shuffled. */
    static float[][] window(float[][] clean, float[][] drift, int size, double shift, SplittableRandom random) {
        int moved = (int) Math.round(shift * size);
        float[][] rows = new float[size][];
        for (int i = 0; i < size; i++) {
            rows[i] = i < moved ? drift[random.nextInt(drift.length)] : clean[random.nextInt(clean.length)];
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float[] t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return rows;
    }

    /**
     * The generator's own 5-minute windows of the key that share no record with the reference, each
     * sampled and judged as the job would: default sampler, default detector, every method.
     */
    private static void generatorWindows(TopicDriftPrompts prompts, List<TopicDriftPrompts.Prompt> referencePrompts,
            float[][] referenceVectors, EmbeddingCache cache, Options options) {
        long length = IncidentType.TOPIC_DRIFT.alignment().toMillis();
        Set<String> referenceIds = new HashSet<>();
        for (TopicDriftPrompts.Prompt p : referencePrompts) {
            referenceIds.add(p.requestId());
        }
        TreeMap<Long, List<TopicDriftPrompts.Prompt>> windows = new TreeMap<>();
        for (TopicDriftPrompts.Prompt p : prompts.keyPrompts()) {
            windows.computeIfAbsent(Math.floorDiv(p.eventMillis(), length) * length, k -> new ArrayList<>()).add(p);
        }
        DriftDetector detector = DriftDetector.builder().reference(referenceVectors)
                .maxReferenceSize(options.maxReference()).allMethods(true).build();
        List<DriftMethod> methods = detector.methods();
        StringBuilder header = new StringBuilder("| Window (5 min) | Incident | Records | Sample | Medicine share of sample |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|");
        for (DriftMethod method : methods) {
            header.append(' ').append(method.id()).append(" (score) |");
            rule.append("---|");
        }
        System.out.printf(Locale.ROOT, "Generator windows of %s/%s with no reference record (DriftDetector defaults, "
                        + "primary %s, reference %d; sample: ReservoirSampler.forVectors() by request id):%n",
                prompts.incident().model(), prompts.incident().route(), detector.primaryMethod().id(),
                detector.reference().size());
        System.out.println(header);
        System.out.println(rule);
        Incident incident = prompts.incident();
        for (Map.Entry<Long, List<TopicDriftPrompts.Prompt>> w : windows.entrySet()) {
            List<TopicDriftPrompts.Prompt> records = w.getValue();
            if (records.stream().anyMatch(p -> referenceIds.contains(p.requestId()))
                    || w.getKey() + length > prompts.trafficEndMillis()) { // a partial last window
                continue;
            }
            ReservoirSampler<float[]> sample = ReservoirSampler.forVectors();
            ReservoirSampler<String> texts = ReservoirSampler.forStrings(ReservoirSampler.DEFAULT_CAPACITY,
                    ReservoirSampler.DEFAULT_SEED);
            for (TopicDriftPrompts.Prompt p : records) {
                sample.offer(p.requestId(), cache.get(p.text()));
                texts.offer(p.requestId(), p.text());
            }
            long medicine = texts.items().stream()
                    .filter(t -> TopicDriftPrompts.MEDICINE_QUESTION.matcher(t).matches()).count();
            DriftReport report = detector.detect(sample);
            boolean inIncident = w.getKey() >= incident.startMillis() && w.getKey() < incident.endMillis();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.0f%% |",
                    Instant.ofEpochMilli(w.getKey()).toString().substring(11, 16), inIncident ? "yes" : "no",
                    records.size(), sample.size(), 100.0 * medicine / sample.size()));
            for (DriftMethod method : methods) {
                DriftResult result = report.methods().get(method.id());
                row.append(String.format(Locale.ROOT, " %s (%.2f) |", result.driftDetected() ? "**drift**" : "ok",
                        result.score()));
            }
            System.out.println(row);
        }
    }

    private static float[][] vectors(List<TopicDriftPrompts.Prompt> prompts, EmbeddingCache cache) {
        float[][] out = new float[prompts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = cache.get(prompts.get(i).text());
        }
        return out;
    }

    private static long notIn(List<TopicDriftPrompts.Prompt> prompts, List<TopicDriftPrompts.Prompt> reference) {
        Set<String> known = new HashSet<>();
        reference.forEach(p -> known.add(p.text()));
        return prompts.stream().map(TopicDriftPrompts.Prompt::text).distinct().filter(t -> !known.contains(t)).count();
    }

    /**
     * Cosines between distinct texts (mean over pairs, unit vectors) within and across the two populations,
     * and between their mean vectors: how far apart the drift topic is, next to the synthetic benchmark's
     * 0.5 within a topic and 0.13 across topics.
     */
    private static String geometry(List<TopicDriftPrompts.Prompt> clean, List<TopicDriftPrompts.Prompt> drift,
            EmbeddingCache cache) {
        float[][] a = distinctVectors(clean, cache);
        float[][] b = distinctVectors(drift, cache);
        double[] sumA = sum(a);
        double[] sumB = sum(b);
        double withinA = (dot(sumA, sumA) - a.length) / ((double) a.length * (a.length - 1));
        double withinB = (dot(sumB, sumB) - b.length) / ((double) b.length * (b.length - 1));
        double across = dot(sumA, sumB) / ((double) a.length * b.length);
        double means = dot(sumA, sumB) / Math.sqrt(dot(sumA, sumA) * dot(sumB, sumB));
        return String.format(Locale.ROOT, "Geometry (distinct texts, mean pairwise cosine): within clean %.3f, "
                + "within drift topic %.3f, clean-drift %.3f; cosine of the two mean vectors %.3f", withinA, withinB,
                across, means);
    }

    private static float[][] distinctVectors(List<TopicDriftPrompts.Prompt> prompts, EmbeddingCache cache) {
        return prompts.stream().map(TopicDriftPrompts.Prompt::text).distinct().map(cache::get).toArray(float[][]::new);
    }

    private static double[] sum(float[][] rows) {
        double[] s = new double[rows[0].length];
        for (float[] row : rows) {
            for (int k = 0; k < s.length; k++) {
                s[k] += row[k];
            }
        }
        return s;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
