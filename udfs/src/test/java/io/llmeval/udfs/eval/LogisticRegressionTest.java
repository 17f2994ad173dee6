package io.llmeval.udfs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void recoversTheWeightsThatGeneratedTheData() {
        Random random = new Random(11L);
        int n = 20_000;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble();
            x[i][1] = random.nextDouble();
            double p = LogisticRegression.sigmoid(-1.0 + 3.0 * x[i][0] - 2.0 * x[i][1]);
            y[i] = random.nextDouble() < p;
        }
        LogisticRegression.Model model = LogisticRegression.fit(x, y, 1e-6);
        assertThat(model.bias()).isCloseTo(-1.0, within(0.15));
        assertThat(model.weights()[0]).isCloseTo(3.0, within(0.2));
        assertThat(model.weights()[1]).isCloseTo(-2.0, within(0.2));
        assertThat(LogisticRegression.fit(x, y, 1e-6)).usingRecursiveComparison().isEqualTo(model);
    }

    @Test
    void interceptOnlyDataGivesTheLogOdds() {
        // No signal in the feature: the bias is the log-odds of the base rate 1/4, the weight ~0.
        double[][] x = {{0}, {1}, {0}, {1}, {0}, {1}, {0}, {1}};
        boolean[] y = {true, true, false, false, false, false, false, false};
        LogisticRegression.Model model = LogisticRegression.fit(x, y, 1e-9);
        assertThat(model.bias()).isCloseTo(Math.log(1.0 / 3), within(1e-6));
        assertThat(model.weights()[0]).isCloseTo(0.0, within(1e-6));
        assertThat(model.probability(new double[] {0})).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void separableDataStaysFinite() {
        double[][] x = {{0}, {0}, {1}, {1}};
        boolean[] y = {false, false, true, true};
        LogisticRegression.Model model = LogisticRegression.fit(x, y, 1e-3);
        assertThat(Double.isFinite(model.weights()[0])).isTrue();
        assertThat(model.probability(new double[] {1})).isGreaterThan(0.9);
    }

    /**
     * Above {@code DIRECT_SOLVE_MAX_FEATURES} the Newton steps are solved by conjugate gradients: the fit must
     * still be the optimum (gradient of the objective near zero) and agree with the direct solve on the same
     * problem written in fewer features (the extra ones all zero).
     */
    @Test
    void conjugateGradientPathReachesTheOptimum() {
        Random random = new Random(5L);
        int n = 600;
        int d = 3 * LogisticRegression.DIRECT_SOLVE_MAX_FEATURES;
        double[][] x = new double[n][d];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = random.nextDouble() < LogisticRegression.sigmoid(0.5 + x[i][0] - x[i][1] + 0.5 * x[i][2]);
        }
        double l2 = 0.05;
        LogisticRegression.Model model = LogisticRegression.fit(x, y, l2);

        double[] w = model.weights();
        double[] gradient = new double[d + 1];
        for (int i = 0; i < n; i++) {
            double residual = model.probability(x[i]) - (y[i] ? 1 : 0);
            gradient[0] += residual / n;
            for (int j = 0; j < d; j++) {
                gradient[j + 1] += residual * x[i][j] / n;
            }
        }
        for (int j = 0; j < d; j++) {
            gradient[j + 1] += l2 * w[j];
        }
        for (double g : gradient) {
            assertThat(g).isCloseTo(0.0, within(2e-6));
        }

        // Three informative features, the rest zeroed: the direct solve on those three gives the same model.
        double[][] narrow = new double[n][3];
        double[][] padded = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, narrow[i], 0, 3);
            System.arraycopy(x[i], 0, padded[i], 0, 3);
        }
        LogisticRegression.Model direct = LogisticRegression.fit(narrow, y, l2);
        LogisticRegression.Model conjugate = LogisticRegression.fit(padded, y, l2);
        assertThat(conjugate.bias()).isCloseTo(direct.bias(), within(1e-4));
        for (int j = 0; j < 3; j++) {
            assertThat(conjugate.weights()[j]).isCloseTo(direct.weights()[j], within(1e-4));
        }
    }

    @Test
    void validatesArguments() {
        assertThatThrownBy(() -> LogisticRegression.fit(new double[0][], new boolean[0], 1))
                .hasMessage("need as many labels as feature rows (and at least one), got 0 rows and 0 labels");
        assertThatThrownBy(() -> LogisticRegression.fit(new double[][] {{1}}, new boolean[] {true}, 0))
                .hasMessage("l2 must be > 0, got 0.0");
    }
}
