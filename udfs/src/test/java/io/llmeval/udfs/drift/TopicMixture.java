package io.llmeval.udfs.drift;

import java.util.SplittableRandom;

/**
 * Test data: 384-d unit vectors from a mixture of topic clusters, shaped like sentence embeddings
 * (centres share a common direction, cosine ~0.25 between centres, ~0.5 within a topic). A drifted
 * sample draws a share of its rows around a centre the mixture does not have. Same construction as
 * the benchmark's {@code SyntheticEmbeddings}, kept small here.
 */
final class TopicMixture {

    static final int DIM = 384;

    private final double[] shared;
    private final double[][] centres;

    TopicMixture(int topics, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        shared = unit(random);
        centres = new double[topics][];
        for (int t = 0; t < topics; t++) {
            centres[t] = newCentre(random);
        }
    }

    double[] newCentre(SplittableRandom random) {
        double[] u = unit(random);
        double[] c = new double[DIM];
        for (int k = 0; k < DIM; k++) {
            c[k] = 0.5 * shared[k] + Math.sqrt(0.75) * u[k];
        }
        return normalise(c);
    }

    float[][] sample(int n, SplittableRandom random) {
        return sample(n, 0, null, random);
    }

    /** {@code n} rows; the first {@code round(shift * n)} around {@code newCentre}, the rest from the mixture. */
    float[][] sample(int n, double shift, double[] newCentre, SplittableRandom random) {
        int moved = (int) Math.round(shift * n);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            double[] centre = i < moved ? newCentre : centres[random.nextInt(centres.length)];
            double[] x = new double[DIM];
            for (int k = 0; k < DIM; k++) {
                x[k] = centre[k] + gaussian(random) / Math.sqrt(DIM);
            }
            normalise(x);
            rows[i] = new float[DIM];
            for (int k = 0; k < DIM; k++) {
                rows[i][k] = (float) x[k];
            }
        }
        return rows;
    }

    private static double[] unit(SplittableRandom random) {
        double[] u = new double[DIM];
        for (int k = 0; k < DIM; k++) {
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

    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
