package io.llmeval.bench.drift;

import io.llmeval.bench.BenchFlags;
import io.llmeval.udfs.drift.DriftMethod;
import io.llmeval.udfs.drift.EmbeddingReference;
import io.llmeval.udfs.drift.SyntheticEmbeddings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Detection power, false-alarm rate and window-close time of every embedding drift method, on
 * synthetic embeddings ({@link SyntheticEmbeddings}: 384-d unit vectors from a Zipf-weighted mixture
 * of topic clusters).
 *
 * <p>A reference of {@code --reference-size} vectors is drawn once and subsampled to
 * {@code --max-reference} rows as the detector does. Then, for each window size and each shift, it
 * draws {@code --trials} windows: shift 0 is the no-drift case (same mixture: every detection is a
 * false alarm), a shift s moves {@code round(s * n)} rows of the window as the {@link Scenario} says
 * (by default to a topic the reference never had). Each method runs on each window with its default threshold and one fixed seed, as in the job.
 * Time is per method call on a warm JVM (the reference's caches are filled by warm-up windows and
 * timed separately), as the calling thread's CPU time (every method runs on the calling thread) and as
 * wall-clock time, which also counts whatever else the machine runs. The measuring loop is {@link PowerRun},
 * shared with {@link MiniLmPowerBenchmark} (real embeddings).
 *
 * <pre>
 * Usage: DriftPowerBenchmark [--trials N] [--sizes 100,500] [--shifts 0.05,0.1,0.2,0.5]
 *                            [--scenario new-topic|topic-mix|near-duplicates] [--methods id,...]
 *                            [--thresholds id=value,...] [--reference-size N] [--max-reference N]
 *                            [--topics N] [--dim N] [--seed N]
 * Defaults: --trials 100 --sizes 100,500 --shifts 0.05,0.1,0.2,0.5 --scenario new-topic --methods (all)
 *           --thresholds (each method's default) --reference-size 10000 --max-reference 1000
 *           --topics 12 --dim 384 --seed 42
 * </pre>
 *
 * <p>Run through {@code bench/drift-power-bench.sh}, which builds the module and pins the JVM to one core.
 */
public final class DriftPowerBenchmark {

    /** What moves in a drifted window: {@code round(shift * n)} rows go to ... */
    enum Scenario {
        /** ... a topic the reference never had (new centre per window): the topic-drift incident. */
        NEW_TOPIC,
        /** ... the reference's rarest topic (about 3.6% of it): a change of topic mix, no new content. */
        TOPIC_MIX,
        /** ... near-duplicates of one template (a mixture point, a fifth of the usual noise): templated or bot traffic. */
        NEAR_DUPLICATES;

        /** {@code new-topic}, {@code topic-mix}, {@code near-duplicates} (or the constant names). */
        static Scenario parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown --scenario '" + name
                        + "'; valid: new-topic, topic-mix, near-duplicates", e);
            }
        }

        double[] driftCentre(SyntheticEmbeddings generator, SplittableRandom random) {
            return switch (this) {
                case NEW_TOPIC -> generator.newCentre(random);
                case TOPIC_MIX -> generator.rarestTopic();
                case NEAR_DUPLICATES -> generator.mixturePoint(random);
            };
        }

        double spread() {
            return this == NEAR_DUPLICATES ? 0.2 : 1;
        }
    }

    /** The parsed command line. */
    record Options(int trials, int[] sizes, double[] shifts, List<DriftMethod> methods, Map<String, Double> thresholds,
            Scenario scenario, int referenceSize, int maxReference, int topics, int dim, long seed) {

        static Options parse(String[] args) {
            Flags f = BenchFlags.parse(new Flags(), args);
            return new Options(f.common.trials, f.common.sizes, f.common.shifts, f.common.methods,
                    f.common.thresholdsById(), Scenario.parse(f.scenario), f.referenceSize, f.maxReference, f.topics,
                    f.dim, f.seed);
        }
    }

    @Command(name = "DriftPowerBenchmark", mixinStandardHelpOptions = true,
            description = "Drift methods' power and false alarms on synthetic embeddings.")
    static final class Flags {
        @Mixin
        PowerRun.CommonFlags common = new PowerRun.CommonFlags();
        @Option(names = "--scenario", paramLabel = "new-topic|topic-mix|near-duplicates",
                description = "Shape of the drift (default ${DEFAULT-VALUE}).")
        String scenario = "new-topic";
        @Option(names = "--reference-size", description = "Reference vectors drawn (default ${DEFAULT-VALUE}).")
        int referenceSize = 10_000;
        @Option(names = "--max-reference", description = "Reference rows kept, as the detector's subsample (default ${DEFAULT-VALUE}).")
        int maxReference = 1000;
        @Option(names = "--topics", description = "Topics of the mixture (default ${DEFAULT-VALUE}).")
        int topics = 12;
        @Option(names = "--dim", description = "Dimension (default ${DEFAULT-VALUE}).")
        int dim = 384;
        @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed = 42;
    }

    private DriftPowerBenchmark() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        SyntheticEmbeddings generator = new SyntheticEmbeddings(options.dim(), options.topics(), options.seed());
        float[][] referenceVectors = generator.sample(options.referenceSize(), new SplittableRandom(options.seed() + 1));
        long detectorSeed = options.seed() + 2;

        long start = System.nanoTime();
        EmbeddingReference reference =
                EmbeddingReference.subsample(referenceVectors, options.maxReference(), detectorSeed);
        double subsampleMillis = (System.nanoTime() - start) / 1e6;

        PowerRun.Settings settings = new PowerRun.Settings(options.trials(), options.sizes(), options.shifts(),
                options.methods(), options.thresholds(), options.seed(), detectorSeed);
        Scenario scenario = options.scenario();
        PowerRun run = PowerRun.run(reference, settings, (size, shift, random) -> {
            double[] driftCentre = scenario.driftCentre(generator, random);
            return generator.sample(size, shift, driftCentre, scenario.spread(), random);
        });

        System.out.printf(Locale.ROOT, "Synthetic embeddings, scenario %s: dim %d, %d topics, reference %d subsampled "
                        + "to %d (%.0f ms), %d windows per cell, seed %d%n",
                scenario.name().toLowerCase(Locale.ROOT).replace('_', '-'), options.dim(), options.topics(),
                options.referenceSize(), reference.size(), subsampleMillis, options.trials(), options.seed());
        System.out.println(run.thresholdsLine());
        System.out.println(run.firstCallsLine());
        System.out.println();
        run.printTable(System.out);
        System.out.println(run.processCpuLine());
    }
}
