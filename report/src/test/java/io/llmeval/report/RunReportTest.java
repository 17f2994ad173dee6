package io.llmeval.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The page data of small-run/, whose numbers its README explains; each expected value is worked out here. */
class RunReportTest {

    private static final double EPS = 1e-12;

    private static RunReport smallRun(ReportFilter filter) throws UnusableInputException {
        return RunReport.of("A", new OutputDirectoryReader().read(Fixtures.smallRun()), filter);
    }

    private static KeyReport key(RunReport run, String model) {
        return run.keys().stream().filter(k -> k.model().equals(model)).findFirst().orElseThrow();
    }

    @Test
    void summaryOfEachKey() throws Exception {
        RunReport run = smallRun(ReportFilter.NONE);
        assertThat(run.keys()).extracting(KeyReport::model).containsExactly("m1", "m2");

        Summary m1 = key(run, "m1").summary();
        assertThat(m1.windows()).isEqualTo(4);
        assertThat(m1.requests()).isEqualTo(100 + 200 + 100 + 100);
        assertThat(m1.errors()).isEqualTo(2 + 20 + 0 + 8);
        assertThat(m1.errorRate()).isCloseTo(30 / 500.0, within(EPS));
        assertThat(m1.latencyP95MedianMs()).isEqualTo((2000 + 3000) / 2.0);   // p95s 1000, 3000, 2000, 4000
        assertThat(m1.latencyP95MaxMs()).isEqualTo(4000);
        assertThat(m1.scored()).isEqualTo(200);
        assertThat(m1.hallucinated()).isEqualTo(15);
        assertThat(m1.hallucinationRate()).isCloseTo(0.075, within(EPS));
        // Wilson 95%: (p + z²/2n ∓ z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), p = 15/200, z = 1.96
        assertThat(m1.hallucinationRateLow()).isCloseTo(0.045974507057252416, within(EPS));
        assertThat(m1.hallucinationRateHigh()).isCloseTo(0.12004459797332036, within(EPS));
        assertThat(m1.driftWindows()).isEqualTo(1);          // the other has too few samples for a verdict
        assertThat(m1.driftWindowsFlagged()).isEqualTo(1);
        assertThat(m1.incidents()).isEqualTo(2);
        assertThat(m1.costUsd()).isCloseTo(0.5 + 1.0 + 0.25 + 0.25, within(EPS));
        assertThat(m1.unpriced()).isEqualTo(10);
        assertThat(m1.costUsdPerRequest()).isCloseTo(2.0 / (500 - 10), within(EPS));

        // m2's 00:01 window is written twice: the last line (50 requests, 1 error, p95 700, 2 of 40) counts.
        Summary m2 = key(run, "m2").summary();
        assertThat(m2.windows()).isEqualTo(2);
        assertThat(m2.requests()).isEqualTo(100);
        assertThat(m2.errorRate()).isCloseTo(0.01, within(EPS));
        assertThat(m2.latencyP95MedianMs()).isEqualTo(600);
        assertThat(m2.latencyP95MaxMs()).isEqualTo(700);
        assertThat(m2.hallucinationRate()).isCloseTo(10 / 80.0, within(EPS));
        assertThat(m2.hallucinationRateLow()).isCloseTo(0.06933483036777514, within(EPS));
        assertThat(m2.hallucinationRateHigh()).isCloseTo(0.21502997183065622, within(EPS));
        assertThat(m2.driftWindows()).isEqualTo(1);
        assertThat(m2.driftWindowsFlagged()).isZero();
        assertThat(m2.incidents()).isEqualTo(1);
        assertThat(m2.costUsd()).isNull();
        assertThat(m2.costUsdPerRequest()).isNull();
    }

    @Test
    void summaryOfAllKeys() throws Exception {
        Summary total = smallRun(ReportFilter.NONE).total();
        assertThat(total.requests()).isEqualTo(600);
        assertThat(total.errorRate()).isCloseTo(31 / 600.0, within(EPS));
        assertThat(total.latencyP95MedianMs()).isEqualTo((1000 + 2000) / 2.0);  // 500 700 1000 2000 3000 4000
        assertThat(total.latencyP95MaxMs()).isEqualTo(4000);
        assertThat(total.hallucinationRate()).isCloseTo(25 / 280.0, within(EPS));
        assertThat(total.hallucinationRateLow()).isCloseTo(0.061207782272192535, within(EPS));
        assertThat(total.driftWindows()).isEqualTo(2);
        assertThat(total.driftWindowsFlagged()).isEqualTo(1);
        assertThat(total.incidents()).isEqualTo(3);
        // m2 has no prices: only m1's priced requests divide the cost.
        assertThat(total.costUsdPerRequest()).isCloseTo(2.0 / 490, within(EPS));
    }

    @Test
    void worstKeyOfEachColumn() throws Exception {
        RunReport run = smallRun(ReportFilter.NONE);
        assertThat(key(run, "m1").worst()).containsExactlyInAnyOrder(SummaryColumn.ERROR_RATE,
                SummaryColumn.LATENCY_P95_MEDIAN_MS, SummaryColumn.LATENCY_P95_MAX_MS,
                SummaryColumn.DRIFT_WINDOWS_FLAGGED, SummaryColumn.INCIDENTS);
        // Cost: only m1 has a value, so there is nothing to be worse than.
        assertThat(key(run, "m2").worst()).containsExactly(SummaryColumn.HALLUCINATION_RATE);
    }

    @Test
    void tiesAreAllMarkedAndAUniformColumnIsNot() {
        Summary one = summary(0.1, 1);
        Summary other = summary(0.1, 2);
        List<KeyReport> keys = RunReport.markWorst(List.of(keyWith("a", one), keyWith("b", other), keyWith("c", one)));
        assertThat(keys.get(0).worst()).isEmpty();                    // error rates all 0.1: no worst
        assertThat(keys.get(1).worst()).containsExactly(SummaryColumn.INCIDENTS);
        assertThat(keys.get(2).worst()).isEmpty();
        List<KeyReport> tied = RunReport.markWorst(List.of(keyWith("a", other), keyWith("b", one), keyWith("c", other)));
        assertThat(tied).extracting(k -> k.worst().contains(SummaryColumn.INCIDENTS)).containsExactly(true, false, true);
    }

    private static Summary summary(double errorRate, long incidents) {
        return new Summary(1, 10, 1, errorRate, 100.0, 100.0, 0, 0, null, null, null, 0, 0, incidents, null, null, null);
    }

    private static KeyReport keyWith(String model, Summary summary) {
        return new KeyReport(model, "r", summary, Set.of(), new Columns(0), new Columns(0), null, List.of(), List.of());
    }

    @Test
    void seriesBreakWhereAKeySentNothing() throws Exception {
        Columns windows = key(smallRun(ReportFilter.NONE), "m1").windows();
        // 00:00, 00:01, 00:02, a gap row at 00:03 (the end of 00:02), 00:04
        assertThat(windows.get("window_start")).containsExactly(
                ms("00:00"), ms("00:01"), ms("00:02"), ms("00:03"), ms("00:04"));
        assertThat(windows.get("request_count")).containsExactly(100, 200, 100, Double.NaN, 100);
        assertThat(windows.get("hallucination_rate")[2]).isNaN();          // nothing scored in 00:02
        assertThat(windows.get("hallucination_rate_low")[0]).isCloseTo(0.0434751239915711, within(EPS));  // 5 of 50
        assertThat(windows.get("hallucination_rate_high")[3]).isNaN();
        assertThat(windows.names()).contains("cost_usd_sum", "cost_usd_per_request");
        assertThat(key(smallRun(ReportFilter.NONE), "m2").windows().names()).doesNotContain("cost_usd_sum");
    }

    @Test
    void driftWindowsIncidentsStagesAndDeadLetters() throws Exception {
        RunReport run = smallRun(ReportFilter.NONE);
        KeyReport m1 = key(run, "m1");
        assertThat(m1.drift().get("drift_detected")).containsExactly(1, Double.NaN);
        assertThat(m1.drift().get("drift_statistic_ratio")[0]).isCloseTo(2.0, within(EPS));   // 0.004 / 0.002
        assertThat(m1.driftMethod()).isEqualTo("mmd");
        assertThat(m1.incidents()).extracting(Incident::alert).containsExactly("latency_p95_high", "error_rate_high");
        assertThat(m1.stages()).extracting(KeyReport.StageSeries::stage).containsExactly("generation", "retrieval");
        KeyReport.StageSeries retrieval = m1.stages().get(1);
        assertThat(retrieval.spanCount()).isEqualTo(300);
        assertThat(retrieval.durationP95MedianMs()).isEqualTo(100.0);        // 90 and 110
        assertThat(retrieval.shareOfLatencyMean()).isCloseTo(0.15, within(EPS));

        assertThat(run.deadLetters()).containsExactly(
                new RunReport.ReasonCount("malformed_json", 2, List.of("file:/logs/p.jsonl:7", "file:/logs/p.jsonl:9")),
                new RunReport.ReasonCount("missing_field:model", 1, List.of("file:/logs/p.jsonl:3")));
        assertThat(run.unreadableLines()).containsEntry("windows", 2L);
        assertThat(run.windowMs()).isEqualTo(60_000);
        assertThat(run.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(run.end()).isEqualTo(Instant.parse("2026-01-01T00:10:00Z"));   // the second drift window's end
        assertThat(run.hasDrift()).isTrue();
        assertThat(run.hasCost()).isTrue();
        assertThat(run.hasStages()).isTrue();
    }

    @Test
    void filterKeepsWindowsByStartAndIncidentsThatOverlap() throws Exception {
        ReportFilter filter = new ReportFilter(Instant.parse("2026-01-01T00:01:00Z"), Instant.parse("2026-01-01T00:04:00Z"),
                "m1", null);
        RunReport run = smallRun(filter);

        assertThat(run.keys()).extracting(KeyReport::model).containsExactly("m1");
        Summary m1 = run.keys().get(0).summary();
        assertThat(m1.windows()).isEqualTo(2);                 // 00:01 and 00:02
        assertThat(m1.requests()).isEqualTo(300);
        assertThat(m1.driftWindows()).isZero();                // drift windows start at 00:00 and 00:05
        assertThat(m1.incidents()).isEqualTo(1);               // 00:01-00:04 overlaps; 00:04-00:07 does not
        assertThat(run.start()).isEqualTo(filter.from());
        assertThat(run.end()).isEqualTo(filter.to());
        assertThat(run.deadLetters()).hasSize(2);              // dead letters have no key or time: all shown
    }

    private static double ms(String minute) {
        return Instant.parse("2026-01-01T" + minute + ":00Z").toEpochMilli();
    }
}
