package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link EvalPipeline#build} at its seam: hand-made raw lines in ({@code fromData}), window metrics and dead letters
 * out ({@code collectAsync}), on a MiniCluster at parallelism 2, in seconds. Every expected number below can be
 * counted by hand from {@link #lines()}.
 */
class EvalPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long T0 = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    /**
     * Two keys over three minutes: gpt/chat gets 10 requests a minute (the second minute has 3 errors and 4 scored
     * answers, 2 of them copies of their reference), llama/rag 5 a minute in minutes 0 and 2 only; plus a blank
     * line, a malformed line, a record without a model and one with a negative latency.
     */
    static List<RawLine> lines() {
        List<String> json = new ArrayList<>();
        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < 10; i++) {
                long ts = T0 + minute * MINUTE + i * 5_000L;
                boolean error = minute == 1 && i < 3;
                String scoring = "";
                if (minute == 1 && i >= 6) {
                    scoring = i % 2 == 0
                            ? ",\"response\":\"The Eiffel Tower is in Paris.\",\"reference\":\"The Eiffel Tower is in Paris.\""
                            : ",\"response\":\"The tower was built in 1999 by Napoleon on the Moon.\","
                              + "\"reference\":\"The Eiffel Tower is in Paris and opened in 1889.\"";
                }
                json.add(String.format("{\"request_id\":\"g-%d-%d\",\"timestamp\":%d,\"model\":\"gpt\",\"route\":\"chat\","
                                + "\"latency_ms\":%d,\"input_tokens\":%d,\"output_tokens\":%d,\"status\":\"%s\"%s}",
                        minute, i, ts, 100 * (i + 1), 10 + i, 20, error ? "error" : "ok", scoring));
            }
            if (minute != 1) {
                for (int i = 0; i < 5; i++) {
                    json.add(String.format("{\"request_id\":\"l-%d-%d\",\"timestamp\":\"%s\",\"model\":\"llama\","
                                    + "\"route\":\"rag\",\"latency_ms\":%d}",
                            minute, i, Instant.ofEpochMilli(T0 + minute * MINUTE + i * 7_000L), 1000 + i));
                }
            }
        }
        json.add("   ");
        json.add("{\"request_id\":\"broken\",");
        json.add("{\"request_id\":\"no-model\",\"timestamp\":" + T0 + ",\"latency_ms\":1}");
        json.add("{\"request_id\":\"negative\",\"timestamp\":" + T0 + ",\"model\":\"gpt\",\"latency_ms\":-5}");
        List<RawLine> lines = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            if (!json.get(i).isBlank()) {
                lines.add(new RawLine(json.get(i).getBytes(StandardCharsets.UTF_8), "test:" + (i + 1), false));
            }
        }
        return lines;
    }

    record Result(List<WindowMetrics> windows, List<DeadLetter> deadLetters) {}

    static Result run(RuntimeExecutionMode mode, List<RawLine> input, Configuration config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(mode);
        env.setParallelism(2);
        DataStream<RawLine> raw = env.fromData(input, TypeInformation.of(RawLine.class));
        EvalPipeline.Outputs outputs = EvalPipeline.build(raw, PipelineConfig.from(config));
        try (CloseableIterator<WindowMetrics> windows = outputs.windows().collectAsync();
             CloseableIterator<DeadLetter> deadLetters = outputs.deadLetters().collectAsync()) {
            env.execute("eval-pipeline-test");
            List<WindowMetrics> w = new ArrayList<>();
            windows.forEachRemaining(w::add);
            List<DeadLetter> d = new ArrayList<>();
            deadLetters.forEachRemaining(d::add);
            w.sort(Comparator.comparing((WindowMetrics m) -> m.model).thenComparingLong(m -> m.windowStartMillis));
            return new Result(w, d);
        }
    }

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"BATCH", "STREAMING"})
    void windowsAndDeadLettersOfHandMadeRecords(RuntimeExecutionMode mode) throws Exception {
        Result result = run(mode, lines(), new Configuration());

        assertThat(result.windows()).extracting(m -> m.model + "/" + m.route + "@" + (m.windowStartMillis - T0) / MINUTE)
                .containsExactly("gpt/chat@0", "gpt/chat@1", "gpt/chat@2", "llama/rag@0", "llama/rag@2");
        WindowMetrics errors = result.windows().get(1);
        assertThat(errors.requestCount).isEqualTo(10);
        assertThat(errors.errorCount).isEqualTo(3);
        assertThat(errors.errorRate).isEqualTo(0.3);
        assertThat(errors.inputTokensSum).isEqualTo(10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19);
        assertThat(errors.outputTokensSum).isEqualTo(200);
        assertThat(errors.latencyMaxMs).isEqualTo(1000.0);
        assertThat(errors.latencyP50Ms).isCloseTo(500.0, within(500.0 * 0.02));
        assertThat(errors.scoredCount).isEqualTo(4);
        assertThat(errors.hallucinatedCount).isEqualTo(2);
        assertThat(errors.hallucinationRate).isEqualTo(0.5);
        WindowMetrics quiet = result.windows().get(0);
        assertThat(quiet.errorCount).isZero();
        assertThat(quiet.scoredCount).isZero();
        WindowMetrics llama = result.windows().get(3);
        assertThat(llama.requestCount).isEqualTo(5);
        assertThat(llama.latencyMaxMs).isEqualTo(1004.0);
        assertThat(llama.rps).isEqualTo(5 / 60.0);

        Map<String, Long> reasons = result.deadLetters().stream()
                .collect(Collectors.groupingBy(d -> d.reason, TreeMap::new, Collectors.counting()));
        assertThat(reasons).containsExactly(Map.entry("invalid_field:latency_ms", 1L),
                Map.entry("malformed_json", 1L), Map.entry("missing_field:model", 1L));
        long counted = result.windows().stream().mapToLong(m -> m.requestCount).sum();
        assertThat(counted + result.deadLetters().size()).as("non-blank lines = counted + dead letters")
                .isEqualTo(lines().size());
    }

    @Test
    void streamingDeadLettersARecordThatArrivesAfterItsWindowClosed() throws Exception {
        List<RawLine> input = new ArrayList<>(lines().subList(0, 25)); // gpt and llama, minutes 0-1
        input.add(new RawLine(("{\"request_id\":\"straggler\",\"timestamp\":" + T0 + ",\"model\":\"gpt\","
                + "\"route\":\"chat\",\"latency_ms\":5}").getBytes(StandardCharsets.UTF_8), "test:late", false));
        Configuration config = new Configuration();
        config.set(PipelineOptions.OUT_OF_ORDERNESS, java.time.Duration.ofSeconds(5));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(1); // one watermark: the straggler comes after records 45 s past its window's end
        // Paced, with watermarks every 10 ms: the watermark has passed the first window when the straggler arrives.
        env.getConfig().setAutoWatermarkInterval(10);
        DataGeneratorSource<RawLine> source = new DataGeneratorSource<>(new Replay(input), input.size(),
                RateLimiterStrategy.perSecond(40), TypeInformation.of(RawLine.class));
        EvalPipeline.Outputs outputs = EvalPipeline.build(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "paced-lines"), PipelineConfig.from(config));
        try (CloseableIterator<DeadLetter> deadLetters = outputs.deadLetters().collectAsync()) {
            env.execute("late-record-test");
            List<DeadLetter> d = new ArrayList<>();
            deadLetters.forEachRemaining(d::add);
            assertThat(d).extracting(l -> l.reason + " " + l.source).containsExactly("late_event test:late");
        }

        Result batch = run(RuntimeExecutionMode.BATCH, input, config);
        assertThat(batch.deadLetters()).as("batch has no late records").isEmpty();
        assertThat(batch.windows().get(0).requestCount).isEqualTo(11);
    }

    /** Gives the lines back by index, for a paced source (serializable, unlike {@link RawLine}). */
    private static final class Replay implements GeneratorFunction<Long, RawLine> {
        private final ArrayList<String> json = new ArrayList<>();
        private final ArrayList<String> sources = new ArrayList<>();

        Replay(List<RawLine> lines) {
            lines.forEach(l -> {
                json.add(new String(l.bytes, StandardCharsets.UTF_8));
                sources.add(l.source);
            });
        }

        @Override
        public RawLine map(Long index) {
            int i = index.intValue();
            return new RawLine(json.get(i).getBytes(StandardCharsets.UTF_8), sources.get(i), false);
        }
    }
}
