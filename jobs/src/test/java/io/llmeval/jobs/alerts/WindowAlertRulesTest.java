package io.llmeval.jobs.alerts;

import io.llmeval.jobs.pipeline.WindowMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The window rules of sql/alerts.sql on hand-made windows: thresholds, minimum counts, the Wilson bound. */
class WindowAlertRulesTest {

    private static final WindowAlertRules RULES = new WindowAlertRules(AlertConfig.defaults());

    @ParameterizedTest(name = "{0} hallucinated of {1} scored: breached {2}")
    @CsvSource({
        "45, 100, true",   // rate 0.45, lower bound 0.36
        "4, 30, false",    // rate 0.13 but lower bound 0.05: not surely above 0.10
        "12, 60, true",    // rate 0.20, lower bound 0.118
        "10, 29, false",   // rate 0.34 over too few scored answers
        "3, 30, false",    // rate 0.10 is not above 0.10
        "0, 0, false"      // nothing scored: rate null
    })
    void hallucinationSpikeNeedsRateCountAndWilsonBound(long hallucinated, long scored, boolean breached) {
        WindowMetrics w = window();
        w.scoredCount = scored;
        w.hallucinatedCount = hallucinated;
        w.hallucinationRate = scored == 0 ? Double.NaN : (double) hallucinated / scored;
        w.hallucinationExemplars = List.of("h1");

        AlertSample sample = sample(w, WindowAlertRules.HALLUCINATION_SPIKE);

        assertThat(sample.breached()).isEqualTo(breached);
        assertThat(sample.threshold()).isEqualTo(0.10);
        assertThat(sample.exemplars()).containsExactly("h1");
        assertThat(sample.value()).isEqualTo(Double.valueOf(w.hallucinationRate));
    }

    @ParameterizedTest(name = "ok p95 {0} ms over {1} ok requests: breached {2}")
    @CsvSource({"11500, 40, true", "8000, 40, false", "8001, 30, true", "20000, 29, false", "NaN, 0, false"})
    void latencyP95HighLooksAtSuccessfulRequests(double okP95, long okCount, boolean breached) {
        WindowMetrics w = window();
        w.okLatencyP95Ms = okP95;
        w.okCount = okCount;

        AlertSample sample = sample(w, WindowAlertRules.LATENCY_P95_HIGH);

        assertThat(sample.breached()).isEqualTo(breached);
        assertThat(sample.value()).isEqualTo(Double.valueOf(okP95));
        assertThat(sample.threshold()).isEqualTo(8000.0);
    }

    @Test
    void anErrorBurstsTimeoutsRaiseTheErrorRateNotTheLatencyAlert() {
        // 35% errors, a quarter of them 30 s timeouts: p95 over all requests is 30 s, over successful ones it is not.
        WindowMetrics w = window();
        w.requestCount = 200;
        w.errorCount = 70;
        w.errorRate = 0.35;
        w.latencyP95Ms = 30_000;
        w.okCount = 130;
        w.okLatencyP95Ms = 2_700;

        assertThat(sample(w, WindowAlertRules.LATENCY_P95_HIGH).breached()).isFalse();
        assertThat(sample(w, WindowAlertRules.ERROR_RATE_HIGH).breached()).isTrue();
    }

    @ParameterizedTest(name = "{0} errors of {1}: breached {2}")
    @CsvSource({"70, 200, true", "20, 200, false", "21, 200, true", "10, 29, false"})
    void errorRateHighNeedsRateAndCount(long errors, long requests, boolean breached) {
        WindowMetrics w = window();
        w.requestCount = requests;
        w.errorCount = errors;
        w.errorRate = (double) errors / requests;

        assertThat(sample(w, WindowAlertRules.ERROR_RATE_HIGH).breached()).isEqualTo(breached);
    }

    @Test
    void everyWindowGivesOneSamplePerRuleWithItsKeyAndBounds() {
        WindowMetrics w = window();

        assertThat(RULES.samples(w)).extracting(AlertSample::alert)
                .containsExactly("hallucination_spike", "latency_p95_high", "error_rate_high");
        assertThat(RULES.samples(w)).allSatisfy(s -> {
            assertThat(s.key()).isEqualTo(new AlertKey(s.alert(), "gpt-4o-mini", "rag"));
            assertThat(s.windowStartMillis()).isEqualTo(w.windowStartMillis);
            assertThat(s.windowEndMillis()).isEqualTo(w.windowEndMillis);
        });
    }

    @Test
    void thresholdsAndCountsComeFromTheConfig() {
        WindowAlertRules strict = new WindowAlertRules(
                new AlertConfig(0.05, 10, 0.0, 1000, 5, 0.01, 5, 2, null));
        WindowMetrics w = window();
        w.requestCount = 10;
        w.errorCount = 1;
        w.errorRate = 0.1;
        w.okCount = 9;
        w.okLatencyP95Ms = 1500;
        w.scoredCount = 10;
        w.hallucinatedCount = 1;
        w.hallucinationRate = 0.1;

        assertThat(strict.samples(w)).allSatisfy(s -> assertThat(s.breached()).as(s.alert()).isTrue());
        assertThat(RULES.samples(w)).noneMatch(AlertSample::breached);
    }

    private static AlertSample sample(WindowMetrics w, String alert) {
        return RULES.samples(w).stream().filter(s -> s.alert().equals(alert)).findFirst().orElseThrow();
    }

    /** A quiet window of gpt-4o-mini/rag at 00:05. */
    private static WindowMetrics window() {
        WindowMetrics w = new WindowMetrics();
        w.model = "gpt-4o-mini";
        w.route = "rag";
        w.windowStartMillis = 1_767_225_900_000L;
        w.windowEndMillis = w.windowStartMillis + 60_000;
        w.requestCount = 200;
        w.errorCount = 2;
        w.errorRate = 0.01;
        w.okCount = 198;
        w.okLatencyP95Ms = 2500;
        w.latencyP95Ms = 2600;
        w.scoredCount = 100;
        w.hallucinatedCount = 4;
        w.hallucinationRate = 0.04;
        return w;
    }

    @Test
    void costPerHourIsOffUnlessAThresholdIsSet() {
        WindowMetrics w = window();
        w.costUsdSum = 0.5;
        w.costUsdPerHour = 30.0; // 0.5 USD in a 1-minute window

        assertThat(new WindowAlertRules(AlertConfig.defaults()).samples(w))
                .extracting(AlertSample::alert).doesNotContain(WindowAlertRules.COST_PER_HOUR_HIGH);
        AlertConfig costly = new AlertConfig(0.1, 30, 1.96, 8000, 30, 0.1, 30, 2, 20.0);
        assertThat(new WindowAlertRules(costly).samples(w)).last().satisfies(s -> {
            assertThat(s.alert()).isEqualTo(WindowAlertRules.COST_PER_HOUR_HIGH);
            assertThat(s.value()).isEqualTo(30.0);
            assertThat(s.threshold()).isEqualTo(20.0);
            assertThat(s.breached()).isTrue();
            assertThat(s.exemplars()).isNull();
        });
        w.costUsdPerHour = 20.0;
        assertThat(new WindowAlertRules(costly).samples(w)).last().extracting(AlertSample::breached).isEqualTo(false);
    }
}
