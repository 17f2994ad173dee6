package io.llmeval.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.llmeval.report.Comparison.Verdict.BETTER;
import static io.llmeval.report.Comparison.Verdict.CHANGED;
import static io.llmeval.report.Comparison.Verdict.SAME;
import static io.llmeval.report.Comparison.Verdict.WORSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {

    @Test
    void aChangeCountsBeyondTenPercentAndTheColumnsFloor() {
        // p95 floor 50 ms: 2000 -> 2150 is 7.5%, the same; 2000 -> 2300 is worse; 400 -> 440 (10%) the same,
        // 400 -> 460 is 15% but only 60 ms: beyond both, worse.
        assertThat(Comparison.change(SummaryColumn.LATENCY_P95_MEDIAN_MS, 2000.0, 2150.0).verdict()).isEqualTo(SAME);
        assertThat(Comparison.change(SummaryColumn.LATENCY_P95_MEDIAN_MS, 2000.0, 2300.0).verdict()).isEqualTo(WORSE);
        assertThat(Comparison.change(SummaryColumn.LATENCY_P95_MEDIAN_MS, 400.0, 440.0).verdict()).isEqualTo(SAME);
        assertThat(Comparison.change(SummaryColumn.LATENCY_P95_MEDIAN_MS, 400.0, 460.0).verdict()).isEqualTo(WORSE);
        assertThat(Comparison.change(SummaryColumn.LATENCY_P95_MEDIAN_MS, 40.0, 80.0).verdict()).isEqualTo(SAME);
        // Error rate floor 0.5 percentage points.
        assertThat(Comparison.change(SummaryColumn.ERROR_RATE, 0.01, 0.014).verdict()).isEqualTo(SAME);
        assertThat(Comparison.change(SummaryColumn.ERROR_RATE, 0.03, 0.01).verdict()).isEqualTo(BETTER);
        // Requests are neither better nor worse.
        assertThat(Comparison.change(SummaryColumn.REQUESTS, 1000.0, 2000.0).verdict()).isEqualTo(CHANGED);
        // Incidents: any change of one or more.
        assertThat(Comparison.change(SummaryColumn.INCIDENTS, 0.0, 1.0).verdict()).isEqualTo(WORSE);
        Comparison.Change fromZero = Comparison.change(SummaryColumn.INCIDENTS, 0.0, 2.0);
        assertThat(fromZero.relative()).isNull();
        assertThat(fromZero.delta()).isEqualTo(2.0);
        assertThat(Comparison.change(SummaryColumn.HALLUCINATION_RATE, null, 0.1)).isNull();
    }

    @Test
    void rowsForAllKeysEachKeyAndKeysOfOneRunOnly() throws Exception {
        RunOutput output = new OutputDirectoryReader().read(Fixtures.smallRun());
        RunReport a = RunReport.of("A", output, ReportFilter.NONE);
        RunReport b = RunReport.of("B", output, new ReportFilter(null, null, "m1", null));

        List<Comparison.Row> rows = Comparison.of(a, b).rows();

        assertThat(rows).extracting(Comparison.Row::model).containsExactly(null, "m1", "m2");
        Comparison.Row all = rows.get(0);
        // B (m1 only) against A (m1 and m2): 500 vs 600 requests, error rate 0.06 vs 31/600.
        assertThat(all.changes().get(SummaryColumn.REQUESTS).delta()).isEqualTo(-100);
        assertThat(all.changes().get(SummaryColumn.ERROR_RATE).delta()).isCloseTo(0.06 - 31 / 600.0, within(1e-12));
        assertThat(all.changes().get(SummaryColumn.INCIDENTS).verdict()).isEqualTo(BETTER);       // 3 -> 2
        assertThat(all.changes().get(SummaryColumn.HALLUCINATION_RATE).verdict()).isEqualTo(BETTER); // 0.089 -> 0.075
        Comparison.Row m1 = rows.get(1);
        assertThat(m1.changes().values()).allMatch(c -> c.verdict() == SAME && c.delta() == 0);
        Comparison.Row m2 = rows.get(2);
        assertThat(m2.a()).isNotNull();
        assertThat(m2.b()).isNull();
        assertThat(m2.changes()).isEmpty();
    }
}
