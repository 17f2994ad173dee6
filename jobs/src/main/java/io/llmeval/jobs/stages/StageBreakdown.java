package io.llmeval.jobs.stages;

import io.llmeval.jobs.otel.TraceSpan;
import io.llmeval.jobs.pipeline.PipelineConfig;
import io.llmeval.jobs.schema.DeadLetter;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The stage breakdown branch of OTLP input (docs/otel.md): spans keyed by trace → per-request stage samples
 * ({@link TraceAssembler}) → per (model, route, stage) windows of the request's start ({@link StageWindowAggregator}).
 * It inherits the pipeline's event time; its windows are tumbling, of {@code llm-eval.window.size}.
 *
 * <pre>{@code
 * StageBreakdown.Outputs stages = StageBreakdown.attach(spans, pipelineConfig);
 * stages.windows();       // OUTPUT/stages/, stage gauges, the stage_slow note of latency alerts
 * stages.deadLetters();   // incomplete_trace, duplicate_span
 * }</pre>
 */
public final class StageBreakdown {

    private StageBreakdown() {}

    public record Outputs(DataStream<StageWindow> windows, DataStream<DeadLetter> deadLetters) {}

    public static Outputs attach(DataStream<TraceSpan> spans, PipelineConfig config) {
        long timeout = config.input().otel().traceTimeout().toMillis();
        SingleOutputStreamOperator<StageSample> samples = spans
                .keyBy(new TraceIdKey())
                .process(new TraceAssembler(timeout, config.parserLimits().maxDeadLetterChars()))
                .name("trace-assembler").uid("trace-assembler");
        DataStream<StageWindow> windows = samples
                .keyBy(new StageKey())
                .process(new StageWindowAggregator(config.windowSize().toMillis(), timeout))
                .name("stage-windows").uid("stage-windows");
        return new Outputs(windows, samples.getSideOutput(TraceAssembler.INCOMPLETE));
    }

    /** Spans by trace id. */
    static final class TraceIdKey implements KeySelector<TraceSpan, String> {
        @Override
        public String getKey(TraceSpan span) {
            return span.traceId;
        }
    }

    /** Stage samples by (model, route, stage). */
    static final class StageKey implements KeySelector<StageSample, Tuple3<String, String, String>> {
        @Override
        public Tuple3<String, String, String> getKey(StageSample sample) {
            return Tuple3.of(sample.model, sample.route, sample.stage);
        }
    }
}
