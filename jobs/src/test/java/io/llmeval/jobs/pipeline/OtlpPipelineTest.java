package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.otel.OtlpJsonParserTest;
import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.RawLine;
import io.llmeval.jobs.stages.StageWindow;
import org.apache.flink.api.common.RuntimeExecutionMode;
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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The pipeline on the OTLP/JSON fixture ({@link OtlpJsonParserTest}), both modes at parallelism 2: the GenAI spans
 * in the windows, the child spans in the stage rows, every span accounted for.
 */
class OtlpPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    record Result(List<WindowMetrics> windows, List<DeadLetter> deadLetters, List<StageWindow> stages) {}

    static Result run(RuntimeExecutionMode mode, List<RawLine> input) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(mode);
        env.setParallelism(2);
        Configuration config = new Configuration();
        config.set(PipelineOptions.INPUT_FORMAT, "otlp-json");
        DataStream<RawLine> raw = env.fromData(input, TypeInformation.of(RawLine.class));
        EvalPipeline.Outputs outputs = EvalPipeline.build(raw, PipelineConfig.from(config));
        try (CloseableIterator<WindowMetrics> windows = outputs.windows().collectAsync();
             CloseableIterator<DeadLetter> deadLetters = outputs.deadLetters().collectAsync();
             CloseableIterator<StageWindow> stages = outputs.stages().collectAsync()) {
            env.execute("otlp-pipeline-test");
            List<WindowMetrics> w = new ArrayList<>();
            windows.forEachRemaining(w::add);
            List<DeadLetter> d = new ArrayList<>();
            deadLetters.forEachRemaining(d::add);
            List<StageWindow> s = new ArrayList<>();
            stages.forEachRemaining(s::add);
            w.sort(Comparator.comparing((WindowMetrics m) -> m.model));
            s.sort(Comparator.comparing((StageWindow r) -> r.model).thenComparing(r -> r.stage));
            return new Result(w, d, s);
        }
    }

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"BATCH", "STREAMING"})
    void spansBecomeWindowsStagesAndDeadLettersWithNothingLost(RuntimeExecutionMode mode) throws Exception {
        Result result = run(mode, OtlpJsonParserTest.fixtureLines());

        assertThat(result.windows()).extracting(w -> w.model + "/" + w.route + " n=" + w.requestCount + " errors=" + w.errorCount)
                .containsExactly("gpt-4o-mini/POST /chat n=1 errors=0", "llama-3.1-8b-instruct/rag n=1 errors=1");
        WindowMetrics chat = result.windows().get(0);
        assertThat(chat.latencyMaxMs).isEqualTo(2000.0);
        assertThat(chat.ttftP50Ms).isCloseTo(250.0, within(2.5));
        assertThat(chat.scoredCount).as("messages and llm_eval.reference present: scored").isEqualTo(1);
        assertThat(chat.hallucinatedCount).isZero();
        // Example prices: 200×0.15 + 1000×0.075 (cached) + 300×0.60 = 285 µUSD.
        assertThat(chat.costUsdSum).isEqualTo(285e-6);
        assertThat(result.windows().get(1).unpricedCount).isEqualTo(1);

        assertThat(result.stages()).extracting(s -> s.model + "/" + s.route + " " + s.stage + " n=" + s.spanCount)
                .containsExactly(
                        "gpt-4o-mini/POST /chat decode n=1", "gpt-4o-mini/POST /chat post_process n=1",
                        "gpt-4o-mini/POST /chat prefill n=1", "gpt-4o-mini/POST /chat queue n=1",
                        "gpt-4o-mini/POST /chat tokenize n=1",
                        "llama-3.1-8b-instruct/rag embed n=1", "llama-3.1-8b-instruct/rag retrieve n=1");
        StageWindow decode = result.stages().get(0);
        assertThat(decode.shareOfLatency).as("1650 ms of a 2000 ms request").isEqualTo(0.825);
        assertThat(decode.durationP50Ms).isCloseTo(1650.0, within(16.5));
        assertThat(decode.windowStartMillis).isEqualTo(OtlpJsonParserTest.T0);
        assertThat(decode.exemplars).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(result.stages().get(6).shareOfLatency).as("390 ms of a 30 s request").isEqualTo(0.013);

        Map<String, Long> reasons = result.deadLetters().stream()
                .collect(Collectors.groupingBy(d -> d.reason, TreeMap::new, Collectors.counting()));
        assertThat(reasons).containsExactly(
                Map.entry("incomplete_trace", 1L),
                Map.entry("invalid_field:endTimeUnixNano", 1L),
                Map.entry("invalid_field:input_tokens", 1L),
                Map.entry("invalid_field:traceId", 1L),
                Map.entry("malformed_json", 1L),
                Map.entry("missing_field:resourceSpans", 1L));
        assertThat(result.deadLetters()).filteredOn(d -> d.reason.equals("incomplete_trace")).singleElement()
                .satisfies(d -> {
                    assertThat(d.source).isEqualTo("fixture:3#1");
                    assertThat(d.raw).contains("\"spanId\":\"c100000000000002\"", "\"parentSpanId\":\"c100000000000001\"");
                });
        // Input records: 15 spans and 2 unreadable documents = requests in windows + stage spans in rows + dead letters
        // + the 2 spans that are neither (the HTTP root span, vector_search under retrieve; counted as spans_unstaged).
        long requests = result.windows().stream().mapToLong(w -> w.requestCount).sum();
        long stageSpans = result.stages().stream().mapToLong(s -> s.spanCount).sum();
        assertThat(requests + stageSpans + result.deadLetters().size() + 2).isEqualTo(17);
    }
}
