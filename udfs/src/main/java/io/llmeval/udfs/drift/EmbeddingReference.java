package io.llmeval.udfs.drift;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The reference sample of embedding drift, prepared once and shared by every window of a key (or of
 * all keys): the vectors as one row-major matrix, plus what the methods reuse at each window close
 * (sorted columns and their standard deviations, reference–reference distances, reference-side
 * bootstrap means), computed on first use.
 *
 * <pre>{@code
 * EmbeddingReference reference = EmbeddingReference.subsample(referenceVectors, 1000, seed);
 * DriftResult mmd = DriftMethods.get("mmd").compute(reference, currentVectors, seed);
 * }</pre>
 *
 * <p>A reference larger than {@code maxSize} is subsampled uniformly (seeded shuffle of row indices,
 * first {@code maxSize} kept): the cost of window close grows with the reference size, while detection
 * power is bounded by the window's sample (typically 500), so a reference of 2x the window size already
 * gives most of the power (see docs/drift.md). Immutable once built; the lazy caches are computed under
 * a lock, so one instance may serve several threads.
 */
public final class EmbeddingReference {

    private final float[] rows;
    private final int n;
    private final int d;

    private float[][] sortedColumns;
    private double[] columnStd;
    private double[] squaredNorms;
    private float[] pairwiseSquaredDistances;
    private double[][] bootstrapMeans;
    private long bootstrapSeed;

    private EmbeddingReference(float[] rows, int n, int d) {
        this.rows = rows;
        this.n = n;
        this.d = d;
    }

    /** Uses every row as given. */
    public static EmbeddingReference of(float[][] vectors) {
        if (vectors == null || vectors.length < 2) {
            throw new IllegalArgumentException("reference needs at least 2 vectors, got "
                    + (vectors == null ? 0 : vectors.length));
        }
        int d = vectors[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("reference vectors are empty");
        }
        return new EmbeddingReference(VectorMath.flatten(vectors, d, "reference"), vectors.length, d);
    }

    /** A uniform subsample of at most {@code maxSize} rows, chosen by a shuffle seeded with {@code seed}. */
    public static EmbeddingReference subsample(float[][] vectors, int maxSize, long seed) {
        if (maxSize < 2) {
            throw new IllegalArgumentException("maxSize must be >= 2, got " + maxSize);
        }
        if (vectors == null || vectors.length <= maxSize) {
            return of(vectors);
        }
        int[] order = new int[vectors.length];
        Arrays.setAll(order, i -> i);
        VectorMath.shuffle(order, new SplittableRandom(seed));
        float[][] kept = new float[maxSize][];
        for (int i = 0; i < maxSize; i++) {
            kept[i] = vectors[order[i]];
        }
        return of(kept);
    }

    public int size() {
        return n;
    }

    public int dimension() {
        return d;
    }

    /** Row-major {@code size() * dimension()} values; not copied, do not modify. */
    float[] rows() {
        return rows;
    }

    /** Column {@code k} of the reference, sorted ascending. */
    synchronized float[][] sortedColumns() {
        if (sortedColumns == null) {
            float[][] columns = new float[d][n];
            double[] std = new double[d];
            for (int k = 0; k < d; k++) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    columns[k][i] = rows[i * d + k];
                    values[i] = columns[k][i];
                }
                Arrays.sort(columns[k]);
                std[k] = VectorMath.std(values);
            }
            sortedColumns = columns;
            columnStd = std;
        }
        return sortedColumns;
    }

    /** Population standard deviation of each column. */
    synchronized double[] columnStd() {
        sortedColumns();
        return columnStd;
    }

    synchronized double[] squaredNorms() {
        if (squaredNorms == null) {
            squaredNorms = VectorMath.squaredNorms(rows, n, d);
        }
        return squaredNorms;
    }

    /** Squared distances between reference rows, {@code n * n} row-major. */
    synchronized float[] pairwiseSquaredDistances() {
        if (pairwiseSquaredDistances == null) {
            float[] out = new float[n * n];
            VectorMath.selfDots(rows, squaredNorms(), n, d, out, n, 0);
            pairwiseSquaredDistances = out;
        }
        return pairwiseSquaredDistances;
    }

    /** {@code count} means of {@code size()} rows drawn with replacement, from a generator seeded with {@code seed}. */
    synchronized double[][] bootstrapMeans(int count, long seed) {
        if (bootstrapMeans == null || bootstrapMeans.length != count || bootstrapSeed != seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[][] means = new double[count][];
            for (int b = 0; b < count; b++) {
                means[b] = VectorMath.bootstrapMean(rows, n, d, n, random);
            }
            bootstrapMeans = means;
            bootstrapSeed = seed;
        }
        return bootstrapMeans;
    }
}
