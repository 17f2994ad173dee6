package io.llmeval.udfs.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WilsonScoreTest {

    /** Hand-computed: (p + z²/2n − z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
    @ParameterizedTest
    @CsvSource({
        "0, 10, 1.96, 0.0",
        "10, 10, 1.96, 0.7225",
        "1, 2, 1.96, 0.0945",
        "45, 100, 1.96, 0.3561",
        "4, 30, 1.96, 0.0531",
        "45, 100, 1.645, 0.3706",
        "45, 100, 0.0, 0.45",
        "12, 60, 1.96, 0.1183"
    })
    void lowerBoundMatchesHandComputedValues(long k, long n, double z, double expected) {
        assertThat(WilsonScore.lowerBound(k, n, z)).isCloseTo(expected, within(1e-4));
    }

    @Test
    void fourBadAnswersInThirtyAreNotSurelyAboveTenPercent() {
        assertThat(4.0 / 30).isGreaterThan(0.10);
        assertThat(WilsonScore.lowerBound(4, 30, WilsonScore.Z_95)).isLessThan(0.10);
        assertThat(WilsonScore.lowerBound(45, 100, WilsonScore.Z_95)).isGreaterThan(0.10);
    }

    @ParameterizedTest
    @CsvSource({"1, 0, 1.96", "5, 3, 1.96", "-1, 3, 1.96", "1, 3, -1.0", "1, 3, NaN", "1, 3, Infinity"})
    void outsideItsDomainTheBoundIsUndefined(long k, long n, double z) {
        assertThat(WilsonScore.isDefined(k, n, z)).isFalse();
        assertThatThrownBy(() -> WilsonScore.lowerBound(k, n, z))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Wilson bound undefined for k=" + k + ", n=" + n + ", z=" + z
                        + ": needs n > 0, 0 <= k <= n and a finite z >= 0");
    }
}
