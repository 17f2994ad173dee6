package io.llmeval.udfs.sketch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QuantileSketchTest {

    private static final double[] QUANTILES = {0.5, 0.75, 0.9, 0.95, 0.99};

    /** Exact quantile with the sketch's rank definition: the value at floor(q * (n - 1)). */
    private static double exactQuantile(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    private static double[] sample(String distribution, int n, long seed) {
        Random random = new Random(seed);
        DoubleSupplier next = switch (distribution) {
            // Typical LLM latency: log-normal body around 800 ms.
            case "lognormal" -> () -> Math.exp(6.7 + 0.6 * random.nextGaussian());
            // Heavy Pareto tail (alpha 1.2), the shape of queueing spikes.
            case "pareto" -> () -> 50.0 / Math.pow(1 - random.nextDouble(), 1 / 1.2);
            // Bimodal: cache hits near 40 ms and full generations near 4 s.
            case "bimodal" -> () -> random.nextDouble() < 0.3
                    ? 45 + 0.5 * random.nextGaussian()
                    : Math.exp(8.3 + 0.3 * random.nextGaussian());
            case "with-zeros" -> () -> random.nextDouble() < 0.2 ? 0.0 : random.nextExponential() * 300;
            default -> throw new IllegalArgumentException(distribution);
        };
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = next.getAsDouble();
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lognormal", "pareto", "bimodal", "with-zeros"})
    void percentilesAreWithinOnePercentOfExact(String distribution) {
        double[] values = sample(distribution, 50_000, 42);
        QuantileSketch sketch = new QuantileSketch();
        for (double v : values) {
            sketch.add(v);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);

        for (double q : QUANTILES) {
            double exact = exactQuantile(sorted, q);
            assertThat(sketch.quantile(q))
                    .as("%s p%s", distribution, q * 100)
                    .isCloseTo(exact, within(exact * QuantileSketch.RELATIVE_ACCURACY + 1e-12));
        }
        assertThat(sketch.max()).isEqualTo(sorted[sorted.length - 1]);
        assertThat(sketch.count()).isEqualTo(values.length);
    }

    @Test
    void insertionAndMergeOrderDoNotChangeAnyQuantile() {
        double[] values = sample("pareto", 10_000, 7);
        QuantileSketch inOrder = new QuantileSketch();
        for (double v : values) {
            inOrder.add(v);
        }

        List<Double> shuffled = new ArrayList<>();
        for (double v : values) {
            shuffled.add(v);
        }
        Collections.shuffle(shuffled, new Random(3));
        QuantileSketch[] parts = {new QuantileSketch(), new QuantileSketch(), new QuantileSketch()};
        for (int i = 0; i < shuffled.size(); i++) {
            parts[i % 3].add(shuffled.get(i));
        }
        QuantileSketch merged = new QuantileSketch();
        merged.merge(parts[2]);
        merged.merge(parts[0]);
        merged.merge(parts[1]);

        for (double q = 0; q <= 1.0; q += 0.01) {
            assertThat(merged.quantile(q)).isEqualTo(inOrder.quantile(q));
        }
        assertThat(merged.max()).isEqualTo(inOrder.max());
    }

    @Test
    void serializedFormRoundTripsAndStaysSmall() {
        QuantileSketch sketch = new QuantileSketch();
        for (double v : sample("lognormal", 100_000, 1)) {
            sketch.add(v);
        }
        byte[] bytes = sketch.toBytes();
        QuantileSketch restored = QuantileSketch.fromBytes(bytes);

        for (double q : QUANTILES) {
            assertThat(restored.quantile(q)).isEqualTo(sketch.quantile(q));
        }
        assertThat(restored.max()).isEqualTo(sketch.max());
        assertThat(restored.count()).isEqualTo(sketch.count());
        assertThat(bytes.length).as("bytes per window").isLessThan(4096);
    }

    @Test
    void stateIsBoundedEvenForValuesSpanningManyOrdersOfMagnitude() {
        QuantileSketch sketch = new QuantileSketch();
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            sketch.add(Math.pow(10, random.nextDouble() * 30 - 10));
        }
        assertThat(sketch.toBytes().length).isLessThanOrEqualTo(QuantileSketch.MAX_BINS * 9 + 64);
    }

    @Test
    void emptySketchReportsNaN() {
        QuantileSketch sketch = new QuantileSketch();
        assertThat(sketch.quantile(0.5)).isNaN();
        assertThat(sketch.max()).isNaN();
        assertThat(QuantileSketch.fromBytes(sketch.toBytes()).isEmpty()).isTrue();
    }

    @Test
    void rejectsNegativeAndNonFiniteValues() {
        QuantileSketch sketch = new QuantileSketch();
        assertThatThrownBy(() -> sketch.add(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sketch.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sketch.add(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
