package io.llmeval.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentTest {

    private static AlertRow event(String alert, String state, String start, String end, double value, Integer windows,
                                  List<String> exemplars) {
        return new AlertRow(alert, state, "m", "r", t(start), t(end), value, 8000.0, windows, exemplars);
    }

    private static Instant t(String minute) {
        return Instant.parse("2026-01-01T" + minute + ":00Z");
    }

    @Test
    void pairsFiringWithTheResolvedEventOfTheSameStart() {
        List<Incident> incidents = Incident.pair(List.of(
                event("latency_p95_high", "resolved", "00:02", "00:06", 2700, 4, null),
                event("latency_p95_high", "firing", "00:10", "00:12", 9100, 2, List.of("c")),
                event("latency_p95_high", "firing", "00:02", "00:04", 11500, 2, List.of("a", "b")),
                event("latency_p95_high", "resolved", "00:10", "00:13", 100, 3, null)));

        assertThat(incidents).containsExactly(
                new Incident("latency_p95_high", "m", "r", t("00:02"), t("00:06"), false, 11500.0, 2700.0, 8000.0, 4,
                        List.of("a", "b")),
                new Incident("latency_p95_high", "m", "r", t("00:10"), t("00:13"), false, 9100.0, 100.0, 8000.0, 3,
                        List.of("c")));
    }

    @Test
    void anIncidentWithoutResolutionIsOpenUntilTheWindowThatFiredIt() {
        List<Incident> incidents = Incident.pair(List.of(
                event("error_rate_high", "firing", "00:04", "00:06", 0.37, 2, List.of("x"))));

        assertThat(incidents).singleElement().satisfies(i -> {
            assertThat(i.open()).isTrue();
            assertThat(i.end()).isEqualTo(t("00:06"));
            assertThat(i.resolvedValue()).isNull();
            assertThat(i.breachedWindows()).isEqualTo(2);
        });
    }

    @Test
    void aResolvedEventWhoseFiringIsMissingStillShows() {
        List<Incident> incidents = Incident.pair(List.of(
                event("error_rate_high", "resolved", "00:04", "00:08", 0.01, 4, null)));

        assertThat(incidents).singleElement().satisfies(i -> {
            assertThat(i.open()).isFalse();
            assertThat(i.firingValue()).isNull();
            assertThat(i.exemplars()).isEmpty();
            assertThat(i.start()).isEqualTo(t("00:04"));
            assertThat(i.end()).isEqualTo(t("00:08"));
        });
    }

    @Test
    void generatedRunHasOneIncidentPerFiringEvent() throws Exception {
        RunOutput run = new OutputDirectoryReader().read(Fixtures.generatedRun());
        List<Incident> incidents = Incident.pair(run.alerts());

        assertThat(incidents).hasSize((int) run.alerts().stream().filter(AlertRow::firing).count()).hasSize(5);
        assertThat(incidents).noneMatch(Incident::open);
        assertThat(incidents).extracting(i -> i.alert() + " " + i.key().label()).containsExactly(
                "latency_p95_high gpt-4o-mini/chat",
                "error_rate_high llama-3.1-8b-instruct/chat",
                "drift_detected gpt-4o-mini/rag",
                "drift_detected llama-3.1-8b-instruct/rag",
                "hallucination_spike mistral-7b-instruct/rag");
    }
}
