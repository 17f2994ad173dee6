package io.llmeval.udfs.eval;

import java.util.Arrays;

/**
 * L2-regularised logistic regression fitted by Newton's method: the project's one logistic regression, for
 * combining a handful of hallucination signals into a score with weights that can be written down, and for
 * {@code domain_classifier}'s drift test on 384-d embeddings.
 *
 * <pre>{@code
 * LogisticRegression.Model model = LogisticRegression.fit(features, positive, 0.01);
 * double p = model.probability(new double[] {0.4, 0.0});
 * }</pre>
 *
 * <p>Minimises the mean log-loss plus {@code l2 / 2 * |w|^2} (the bias is not penalised). Deterministic: no
 * random initialisation, no sampling; the same data give the same weights bit for bit. Each Newton step solves
 * {@code H s = g}: directly (Gaussian elimination on the explicit Hessian, {@code O(n d^2 + d^3)}) for up to
 * {@value #DIRECT_SOLVE_MAX_FEATURES} features; beyond, by conjugate gradients on Hessian–vector products
 * ({@code O(n d)} each, no {@code d x d} matrix), which keeps a 384-d fit on 750 rows at tens of milliseconds
 * where the explicit Hessian alone would cost about 10^8 multiply-adds per step. Hand-written: Apache Commons
 * Math has no logistic regression, and the libraries that do are GPL (Smile) or need a native backend (ND4J).
 */
public final class LogisticRegression {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-12;
    /** Largest feature count whose Newton system is solved directly; above it, by conjugate gradients. */
    static final int DIRECT_SOLVE_MAX_FEATURES = 32;
    /**
     * The conjugate-gradient path stops once no gradient component exceeds this (the objective is a mean, so
     * the bound does not grow with the rows): about 60 times tighter than Smile's L-BFGS stopping rule at
     * {@code domain_classifier}'s sizes, which moves AUCs by less than 1e-4 (stats-smile's parity test).
     */
    static final double CG_PATH_GRADIENT_TOLERANCE = 1e-6;

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
        for (int i = 0; i < n; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has " + features[i].length
                        + " values, row 0 has " + d);
            }
        }
        boolean direct = d <= DIRECT_SOLVE_MAX_FEATURES;
        int m = d + 1; // parameter 0 is the bias
        double[] theta = new double[m];
        double[] curvature = new double[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = gradient(features, positive, theta, l2, curvature);
            if (!direct && maxAbs(gradient) < CG_PATH_GRADIENT_TOLERANCE) {
                break;
            }
            double[] step = direct
                    ? solve(hessian(features, curvature, l2), gradient)
                    : conjugateGradient(features, curvature, l2, gradient);
            for (int a = 0; a < m; a++) {
                theta[a] -= step[a];
            }
            if (direct && maxAbs(step) < TOLERANCE) {
                break;
            }
        }
        return new Model(theta[0], Arrays.copyOfRange(theta, 1, m));
    }

    /** Gradient of the objective at {@code theta}; fills {@code curvature[i] = p_i (1 - p_i)}. */
    private static double[] gradient(double[][] x, boolean[] positive, double[] theta, double l2,
                                     double[] curvature) {
        int n = x.length;
        int d = theta.length - 1;
        double[] gradient = new double[d + 1];
        for (int i = 0; i < n; i++) {
            double[] row = x[i];
            double p = sigmoid(linear(theta, row));
            double residual = p - (positive[i] ? 1 : 0);
            curvature[i] = p * (1 - p);
            gradient[0] += residual / n;
            for (int j = 0; j < d; j++) {
                gradient[j + 1] += residual * row[j] / n;
            }
        }
        for (int a = 1; a <= d; a++) {
            gradient[a] += l2 * theta[a];
        }
        return gradient;
    }

    /** The explicit Hessian {@code X' W X / n + l2 I} (bias row and column unpenalised). */
    private static double[][] hessian(double[][] x, double[] curvature, double l2) {
        int m = x[0].length + 1;
        double[][] hessian = new double[m][m];
        for (int i = 0; i < x.length; i++) {
            double w = curvature[i];
            for (int a = 0; a < m; a++) {
                double xa = a == 0 ? 1 : x[i][a - 1];
                for (int b = 0; b <= a; b++) {
                    double xb = b == 0 ? 1 : x[i][b - 1];
                    hessian[a][b] += w * xa * xb / x.length;
                }
            }
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < a; b++) {
                hessian[b][a] = hessian[a][b];
            }
            if (a > 0) {
                hessian[a][a] += l2;
            }
        }
        return hessian;
    }

    /** {@code theta[0] + theta[1..] . row}: a parameter vector (bias first) applied to one row. */
    private static double linear(double[] theta, double[] row) {
        double z = theta[0];
        for (int j = 0; j < row.length; j++) {
            z += theta[j + 1] * row[j];
        }
        return z;
    }

    /** {@code H v} without forming {@code H}: one pass over the rows. */
    private static double[] hessianTimes(double[][] x, double[] curvature, double l2, double[] v) {
        int n = x.length;
        int d = v.length - 1;
        double[] out = new double[d + 1];
        for (int i = 0; i < n; i++) {
            double[] row = x[i];
            double wu = curvature[i] * linear(v, row) / n;
            out[0] += wu;
            for (int j = 0; j < d; j++) {
                out[j + 1] += wu * row[j];
            }
        }
        for (int a = 1; a <= d; a++) {
            out[a] += l2 * v[a];
        }
        return out;
    }

    /**
     * Solves {@code H s = g} by conjugate gradients, to a residual of {@code min(0.5, sqrt|g|) |g|} (a
     * truncated Newton step: loose far from the optimum, tight near it, so the outer loop still converges
     * superlinearly). {@code H} is positive definite (the L2 term), so CG applies.
     */
    private static double[] conjugateGradient(double[][] x, double[] curvature, double l2, double[] g) {
        int m = g.length;
        double[] s = new double[m];
        double[] r = g.clone();
        double[] p = g.clone();
        double rr = dot(r, r);
        double gNorm = Math.sqrt(rr);
        double target = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
        for (int k = 0; k < m && Math.sqrt(rr) > target; k++) {
            double[] hp = hessianTimes(x, curvature, l2, p);
            double alpha = rr / dot(p, hp);
            for (int a = 0; a < m; a++) {
                s[a] += alpha * p[a];
                r[a] -= alpha * hp[a];
            }
            double rrNext = dot(r, r);
            double beta = rrNext / rr;
            for (int a = 0; a < m; a++) {
                p[a] = r[a] + beta * p[a];
            }
            rr = rrNext;
        }
        return s;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
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
