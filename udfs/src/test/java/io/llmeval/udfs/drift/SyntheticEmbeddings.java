package io.llmeval.udfs.drift;

import java.util.SplittableRandom;

/**
 * Synthetic stand-ins for sentence embeddings: unit vectors from a mixture of topic clusters, shaped
 * like all-MiniLM-L6-v2 output (384-d, L2-normalised) in the statistics that matter for drift tests.
 *
 * <ul>
 *   <li>Topic centres share one common direction (weight {@value #SHARED}), so two centres have cosine
 *       about 0.25, as sentence embeddings of unrelated topics are not orthogonal.</li>
 *   <li>A point is {@code normalise(centre + sigma * z)} with {@code z} standard normal and
 *       {@code sigma = 1 / sqrt(d)}: cosine to its centre about 0.71, about 0.5 between two sentences of
 *       one topic and about 0.13 between topics.</li>
 *   <li>Topic weights are Zipf-like ({@code 1 / (rank + 1)^s}, {@value #ZIPF_EXPONENT} by default): a few
 *       frequent topics, a long tail; {@code s = 0} gives equal weights.</li>
 * </ul>
 *
 * <p>A drifted window draws the given share of its rows around a drift centre (a topic the reference
 * never had, its rarest topic, or one template point for near-duplicates), the rest from the reference
 * mixture. Deterministic for a seed.
 *
 * <p>The one synthetic generator of the project: the drift tests use it, and so does the drift power
 * benchmark ({@code bench/}), through this module's test jar.
 */
public final class SyntheticEmbeddings {

    static final double SHARED = 0.25;
    /** Exponent of the default topic weights {@code 1 / (rank + 1)^s}. */
    public static final double ZIPF_EXPONENT = 0.8;

    private final int d;
    private final double[] shared;
    private final double[][] centres;
    private final double[] cumulativeWeights;
    private final double sigma;

    public SyntheticEmbeddings(int dimension, int topics, long seed) {
        this(dimension, topics, ZIPF_EXPONENT, seed);
    }

    /** Topic weights {@code 1 / (rank + 1)^zipfExponent}. */
    public SyntheticEmbeddings(int dimension, int topics, double zipfExponent, long seed) {
        this.d = dimension;
        SplittableRandom random = new SplittableRandom(seed);
        this.shared = randomUnit(random);
        this.centres = new double[topics][];
        for (int t = 0; t < topics; t++) {
            centres[t] = newCentre(random);
        }
        this.cumulativeWeights = new double[topics];
        double total = 0;
        for (int t = 0; t < topics; t++) {
            total += 1 / Math.pow(t + 1, zipfExponent);
            cumulativeWeights[t] = total;
        }
        for (int t = 0; t < topics; t++) {
            cumulativeWeights[t] /= total;
        }
        this.sigma = 1 / Math.sqrt(dimension);
    }

    /** A topic centre built like the reference's, for a topic the reference does not contain. */
    public double[] newCentre(SplittableRandom random) {
        double[] u = randomUnit(random);
        double[] c = new double[d];
        for (int k = 0; k < d; k++) {
            c[k] = Math.sqrt(SHARED) * shared[k] + Math.sqrt(1 - SHARED) * u[k];
        }
        return normalise(c);
    }

    /** {@code n} vectors from the reference mixture. */
    public float[][] sample(int n, SplittableRandom random) {
        return sample(n, 0, null, random);
    }

    /**
     * {@code n} vectors, {@code round(shift * n)} of them around {@code driftCentre} with {@code spread}
     * times the usual noise, the rest from the mixture, in random order.
     */
    public float[][] sample(int n, double shift, double[] driftCentre, double spread, SplittableRandom random) {
        int moved = (int) Math.round(shift * n);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = i < moved ? point(driftCentre, spread, random) : point(centres[topic(random)], 1, random);
        }
        // Mix the moved rows into random positions, as a window's sample would be.
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float[] t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return rows;
    }

    /** {@code n} vectors, {@code round(shift * n)} of them around {@code newCentre}, the rest from the mixture. */
    public float[][] sample(int n, double shift, double[] newCentre, SplittableRandom random) {
        return sample(n, shift, newCentre, 1, random);
    }

    /** The centre of the reference's rarest topic. */
    public double[] rarestTopic() {
        return centres[centres.length - 1].clone();
    }

    /** One point of the mixture, as a possible template of near-duplicate prompts. */
    public double[] mixturePoint(SplittableRandom random) {
        float[] p = point(centres[topic(random)], 1, random);
        double[] c = new double[d];
        for (int k = 0; k < d; k++) {
            c[k] = p[k];
        }
        return c;
    }

    private int topic(SplittableRandom random) {
        double u = random.nextDouble();
        for (int t = 0; t < cumulativeWeights.length; t++) {
            if (u < cumulativeWeights[t]) {
                return t;
            }
        }
        return cumulativeWeights.length - 1;
    }

    private float[] point(double[] centre, double spread, SplittableRandom random) {
        double[] x = new double[d];
        for (int k = 0; k < d; k++) {
            x[k] = centre[k] + spread * sigma * gaussian(random);
        }
        normalise(x);
        float[] f = new float[d];
        for (int k = 0; k < d; k++) {
            f[k] = (float) x[k];
        }
        return f;
    }

    private double[] randomUnit(SplittableRandom random) {
        double[] u = new double[d];
        for (int k = 0; k < d; k++) {
            u[k] = gaussian(random);
        }
        return normalise(u);
    }

    private static double[] normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double norm = Math.sqrt(s);
        for (int k = 0; k < v.length; k++) {
            v[k] /= norm;
        }
        return v;
    }

    /** Standard normal by Box–Muller, spelled out so the samples do not depend on the JDK's algorithm. */
    public static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
