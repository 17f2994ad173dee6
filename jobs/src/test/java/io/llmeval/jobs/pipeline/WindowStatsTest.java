package io.llmeval.jobs.pipeline;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.ValueTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WindowStatsTest {

    private static RequestFacts record(double latency, Double ttft, boolean error, Long in, Long out) {
        RequestFacts r = new RequestFacts();
        r.model = "m";
        r.route = "r";
        r.latencyMs = latency;
        r.ttftMs = ttft;
        r.error = error;
        r.inputTokens = in;
        r.outputTokens = out;
        return r;
    }

    @Test
    void windowMathOnAHandMadeWindow() {
        WindowStats stats = new WindowStats();
        stats.add(record(100, 10.0, false, 5L, 50L));
        stats.add(record(200, 20.0, false, 5L, 70L));
        stats.add(record(300, null, true, null, null));
        stats.add(record(400, 40.0, false, 10L, 0L));

        WindowMetrics m = WindowMetrics.of("m", "r", 60_000, 120_000, stats);

        assertThat(m.requestCount).isEqualTo(4);
        assertThat(m.errorCount).isEqualTo(1);
        assertThat(m.errorRate).isEqualTo(0.25);
        assertThat(m.rps).isEqualTo(4 / 60.0);
        assertThat(m.inputTokensSum).isEqualTo(20);
        assertThat(m.outputTokensSum).isEqualTo(120);
        assertThat(m.outputTokensPerS).isEqualTo(2.0);
        assertThat(m.latencyMaxMs).isEqualTo(400);
        assertThat(m.latencyP50Ms).isCloseTo(200, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(m.ttftP50Ms).isCloseTo(20, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(m.values()[0]).isEqualTo("1970-01-01T00:01:00Z");
    }

    @Test
    void hallucinationRateCountsOnlyScoredRequests() {
        WindowStats stats = new WindowStats();
        for (double score : new double[] {0.1, 0.9, 0.7, 0.2}) {
            RequestFacts r = record(100, null, false, null, null);
            r.hallucinationScore = score;
            r.hallucinated = score >= 0.5;
            r.rougeLF = 1 - score;
            stats.add(r);
        }
        stats.add(record(100, null, false, null, null)); // no reference: unscored, not good

        WindowMetrics m = WindowMetrics.of("m", "r", 0, 60_000, stats);

        assertThat(m.scoredCount).isEqualTo(4);
        assertThat(m.hallucinatedCount).isEqualTo(2);
        assertThat(m.hallucinationRate).isEqualTo(0.5);
        assertThat(m.hallucinationScoreMean).isEqualTo(0.475);
        assertThat(m.rougeLFMean).isEqualTo(0.525);
    }

    @Test
    void unscoredWindowsReportNullRatesNotZero() {
        WindowStats stats = new WindowStats();
        stats.add(record(100, null, false, null, null));
        String json = io.llmeval.jobs.sink.OutputJson.windowToJson(WindowMetrics.of("m", "r", 0, 60_000, stats));
        assertThat(json).contains("\"scored_count\":0", "\"hallucination_rate\":null", "\"rouge_l_f_mean\":null");
    }

    @Test
    void emptyTtftGivesNullNotZero() {
        WindowStats stats = new WindowStats();
        stats.add(record(100, null, false, null, null));
        WindowMetrics m = WindowMetrics.of("m", "r", 0, 60_000, stats);
        assertThat(m.ttftP95Ms).isNaN();
        assertThat(io.llmeval.jobs.sink.OutputJson.windowToJson(m)).contains("\"ttft_p95_ms\":null");
    }

    @Test
    void mergingPartialAccumulatorsEqualsAddingEverything() {
        Random random = new Random(1);
        List<RequestFacts> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            RequestFacts r = record(random.nextExponential() * 900, random.nextDouble() * 300, random.nextInt(50) == 0,
                    (long) random.nextInt(500), (long) random.nextInt(900));
            if (random.nextBoolean()) {
                r.hallucinationScore = random.nextDouble();
                r.hallucinated = r.hallucinationScore > 0.5;
                r.rougeLF = random.nextDouble();
            }
            if (random.nextInt(4) > 0) {
                r.costPicoUsd = (long) random.nextInt(2_000_000_000);
            }
            records.add(r);
        }
        WindowStats all = new WindowStats();
        records.forEach(all::add);
        WindowStats left = new WindowStats();
        WindowStats right = new WindowStats();
        for (int i = 0; i < records.size(); i++) {
            (i % 3 == 0 ? left : right).add(records.get(records.size() - 1 - i));
        }

        WindowMetrics expected = WindowMetrics.of("m", "r", 0, 60_000, all);
        assertThat(WindowMetrics.of("m", "r", 0, 60_000, right.merge(left))).isEqualTo(expected);
        assertThat(expected.costUsdSum).isEqualTo(records.stream().filter(r -> r.costPicoUsd != null)
                .mapToLong(r -> r.costPicoUsd).sum() / 1e12);
    }

    @Test
    void flinkSerializesTheAccumulatorWithItsOwnCodeNotKryo() throws Exception {
        TypeInformation<WindowStats> type = TypeInformation.of(WindowStats.class);
        assertThat(type).isInstanceOf(ValueTypeInfo.class);
        TypeSerializer<WindowStats> serializer = type.createSerializer(new ExecutionConfig().getSerializerConfig());

        WindowStats stats = new WindowStats();
        stats.add(record(123.4, 12.0, true, 3L, 4L));
        RequestFacts priced = record(5.0, null, false, null, 9L);
        priced.costPicoUsd = 5_400_000L;
        stats.add(priced);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(stats, out);
        WindowStats restored = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(WindowMetrics.of("m", "r", 0, 1000, restored)).isEqualTo(WindowMetrics.of("m", "r", 0, 1000, stats));
        assertThat(WindowMetrics.of("m", "r", 0, 1000, restored).costUsdSum).isEqualTo(5.4e-6);
        assertThat(out.length()).isLessThan(1024);
    }

    @Test
    void costColumnsCountPricedAndUnpricedRequests() {
        WindowStats stats = new WindowStats();
        RequestFacts a = record(100, null, false, 1000L, 200L);
        a.costPicoUsd = 210_000_000L;          // 210 µUSD
        RequestFacts b = record(100, null, false, 1000L, 500L);
        b.costPicoUsd = 450_000_000L;          // 450 µUSD
        stats.add(a);
        stats.add(b);
        stats.add(record(100, null, false, 10L, 10L)); // unpriced

        WindowMetrics m = WindowMetrics.of("m", "r", 0, 60_000, stats);

        assertThat(m.costUsdSum).isEqualTo(660e-6);
        assertThat(m.costUsdPerRequest).isEqualTo(330e-6);
        assertThat(m.unpricedCount).isEqualTo(1);
        assertThat(m.costUsdPerHour).isCloseTo(660e-6 * 60, org.assertj.core.api.Assertions.within(1e-15));
        WindowMetrics none = WindowMetrics.of("m", "r", 0, 60_000, new WindowStats());
        assertThat(none.costUsdSum).isZero();
        assertThat(none.costUsdPerRequest).isNaN();
        assertThat(WindowMetrics.COLUMNS.subList(WindowMetrics.COLUMNS.size() - 3, WindowMetrics.COLUMNS.size()))
                .containsExactly("cost_usd_sum", "cost_usd_per_request", "unpriced_count");
    }
}
