package io.llmeval.udfs.drift;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScalarDriftTest {

    /** Prompt lengths in tokens: log-normal around 120 tokens (log-sd 0.6), rounded, at least 1. */
    private static double[] promptTokens(int n, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] tokens = new double[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = Math.max(1, Math.round(scale * Math.exp(Math.log(120) + 0.6 * SyntheticEmbeddings.gaussian(random))));
        }
        return tokens;
    }

    private static final ScalarDrift PROMPT_TOKENS =
            ScalarDrift.builder().reference(promptTokens(10_000, 1.0, 1)).build();

    /** Same distribution: at most 5 alarms in 100 windows, at 100 and at 500 values. */
    @ParameterizedTest
    @CsvSource({"100", "500"})
    void identicalDistributionsRaiseAtMostFivePercentAlarms(int window) {
        int alarms = 0;
        for (int trial = 0; trial < 100; trial++) {
            if (PROMPT_TOKENS.detect(promptTokens(window, 1.0, 100 + trial)).driftDetected()) {
                alarms++;
            }
        }
        assertThat(alarms).isLessThanOrEqualTo(5);
    }

    /** "Queries got 20% longer": every one of 100 windows of 500 is flagged. */
    @Test
    void twentyPercentLongerPromptsAreDetectedAt500() {
        for (int trial = 0; trial < 100; trial++) {
            ScalarDriftResult result = PROMPT_TOKENS.detect(promptTokens(500, 1.2, 300 + trial));
            assertThat(result.driftDetected()).as("trial %d: %s", trial, result).isTrue();
            assertThat(result.wassersteinNorm()).isBetween(0.15, 0.45); // 0.2 / CV 0.66 = 0.3 expected
        }
    }

    @Test
    void belowMinimumSampleThereIsNoVerdict() {
        ScalarDriftResult result = PROMPT_TOKENS.detect(promptTokens(49, 3.0, 5));
        assertThat(result.status()).isEqualTo(DriftStatus.INSUFFICIENT_SAMPLES);
        assertThat(result.driftDetected()).isFalse();
        assertThat(result.driftScore()).isNaN();
        assertThat(result.sampleCount()).isEqualTo(49);
    }

    @Test
    void builderValidatesSettings() {
        assertThatThrownBy(() -> ScalarDrift.builder().build()).hasMessage("reference is required");
        assertThatThrownBy(() -> ScalarDrift.builder().reference(new double[10]).build())
                .hasMessage("reference has 10 values, fewer than minSamples (50)");
        assertThatThrownBy(() -> ScalarDrift.builder().reference(new double[100]).alpha(0).build())
                .hasMessage("alpha must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> PROMPT_TOKENS.detect(new double[] {Double.NaN}))
                .hasMessage("current values must be finite, got NaN");
    }
}
