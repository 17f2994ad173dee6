package io.llmeval.udfs.eval;

import java.util.Arrays;

/**
 * A tiny L2-regularised logistic regression fitted by Newton's method, for combining a handful of signals
 * into one score with weights that can be written down.
 *
 * <pre>{@code
 * LogisticRegression.Model model = LogisticRegression.fit(features, positive, 0.01);
 * double p = model.probability(new double[] {0.4, 0.0});
 * }</pre>
 *
 * <p>Minimises the mean log-loss plus {@code l2 / 2 * |w|^2} (the bias is not penalised). Deterministic: no
 * random initialisation, no sampling; the same data give the same weights bit for bit. Meant for a few
 * features and a few thousand rows (each Newton step costs {@code O(n d^2 + d^3)}).
 */
public final class LogisticRegression {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-12;

    private LogisticRegression() {
    }

    /** A fitted model: {@code p = 1 / (1 + exp(-(bias + w . x)))}. */
    public record Model(double bias, double[] weights) {

        public Model {
            weights = weights.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        /** The linear score {@code bias + w . x}. */
        public double logit(double[] x) {
            double z = bias;
            for (int j = 0; j < weights.length; j++) {
                z += weights[j] * x[j];
            }
            return z;
        }

        public double probability(double[] x) {
            return sigmoid(logit(x));
        }

        @Override
        public String toString() {
            return "Model{bias=" + bias + ", weights=" + Arrays.toString(weights) + '}';
        }
    }

    /**
     * Fits {@code features[i]} (all of one width) to {@code positive[i]} with L2 strength {@code l2 > 0}
     * (which also keeps the fit finite on separable data).
     */
    public static Model fit(double[][] features, boolean[] positive, double l2) {
        int n = features.length;
        if (n == 0 || n != positive.length) {
            throw new IllegalArgumentException("need as many labels as feature rows (and at least one), got "
                    + n + " rows and " + positive.length + " labels");
        }
        if (!(l2 > 0)) {
            throw new IllegalArgumentException("l2 must be > 0, got " + l2);
        }
        int d = features[0].length;
        int m = d + 1; // parameter 0 is the bias
        double[] theta = new double[m];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[m];
            double[][] hessian = new double[m][m];
            for (int i = 0; i < n; i++) {
                double[] x = features[i];
                if (x.length != d) {
                    throw new IllegalArgumentException("feature row " + i + " has " + x.length
                            + " values, row 0 has " + d);
                }
                double z = theta[0];
                for (int j = 0; j < d; j++) {
                    z += theta[j + 1] * x[j];
                }
                double p = sigmoid(z);
                double residual = p - (positive[i] ? 1 : 0);
                double w = p * (1 - p);
                for (int a = 0; a < m; a++) {
                    double xa = a == 0 ? 1 : x[a - 1];
                    gradient[a] += residual * xa / n;
                    for (int b = 0; b <= a; b++) {
                        double xb = b == 0 ? 1 : x[b - 1];
                        hessian[a][b] += w * xa * xb / n;
                    }
                }
            }
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
                if (a > 0) {
                    gradient[a] += l2 * theta[a];
                    hessian[a][a] += l2;
                }
            }
            double[] step = solve(hessian, gradient);
            double size = 0;
            for (int a = 0; a < m; a++) {
                theta[a] -= step[a];
                size = Math.max(size, Math.abs(step[a]));
            }
            if (size < TOLERANCE) {
                break;
            }
        }
        return new Model(theta[0], Arrays.copyOfRange(theta, 1, m));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting ({@code a} is positive definite). */
    private static double[] solve(double[][] a, double[] b) {
        int m = b.length;
        double[][] lu = new double[m][];
        for (int i = 0; i < m; i++) {
            lu[i] = Arrays.copyOf(a[i], m + 1);
            lu[i][m] = b[i];
        }
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(lu[r][col]) > Math.abs(lu[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = lu[col];
            lu[col] = lu[pivot];
            lu[pivot] = tmp;
            if (lu[col][col] == 0) {
                throw new IllegalStateException("singular Hessian: a feature is constant or duplicated");
            }
            for (int r = col + 1; r < m; r++) {
                double factor = lu[r][col] / lu[col][col];
                for (int c = col; c <= m; c++) {
                    lu[r][c] -= factor * lu[col][c];
                }
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double sum = lu[r][m];
            for (int c = r + 1; c < m; c++) {
                sum -= lu[r][c] * x[c];
            }
            x[r] = sum / lu[r][r];
        }
        return x;
    }
}
