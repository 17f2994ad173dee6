package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.drift.DriftStage;
import io.llmeval.jobs.drift.DriftWindow;
import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.LogRecord;
import io.llmeval.jobs.schema.RawLine;
import io.llmeval.jobs.stages.SplitTraceSpans;
import io.llmeval.jobs.stages.StageBreakdown;
import io.llmeval.jobs.stages.StageWindow;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/**
 * The one pipeline definition that the streaming job, the backfill job and the demo share:
 * raw lines → parse and validate → event time → score and price → (model, route) windows → window metrics, with every
 * unusable record on the dead-letter stream; with OTLP input also the spans' stage breakdown. Sources and sinks come from the caller, so tests wire
 * their own. In batch mode the same graph runs over bounded input and gives the same windows.
 */
public final class EvalPipeline {

    static final OutputTag<RequestFacts> LATE_RECORDS = new OutputTag<>("late-records") {};

    private EvalPipeline() {}

    /**
     * What the pipeline produces: one row per closed key-window, the dead letters, with a drift reference one
     * drift verdict per closed drift key-window ({@code null} without one), and with OTLP input one row per closed
     * (model, route, stage) window ({@code null} for JSON lines).
     */
    public record Outputs(DataStream<WindowMetrics> windows, DataStream<DeadLetter> deadLetters,
                          DataStream<DriftWindow> driftWindows, DataStream<StageWindow> stages) {}

    public static Outputs build(DataStream<RawLine> rawLines, PipelineConfig config) {
        // Parse and validate; invalid records leave through a side output with their reason.
        SingleOutputStreamOperator<LogRecord> records = rawLines
                .process(new ParseLogRecords(config.parserLimits(), config.input()))
                .name("parse-and-validate").uid("parse-and-validate");

        // Event time, once for every branch: the record's timestamp, tolerant of shippers' reordering.
        DataStream<LogRecord> timestamped = records
                .assignTimestampsAndWatermarks(RequestWatermarks.strategy(config))
                .name("event-time").uid("event-time");

        // Spans in: every span to the stage breakdown, the GenAI request spans on as requests.
        DataStream<LogRecord> requests = timestamped;
        StageBreakdown.Outputs stages = null;
        if (config.spans()) {
            SingleOutputStreamOperator<LogRecord> split = timestamped
                    .process(new SplitTraceSpans())
                    .name("split-trace-spans").uid("split-trace-spans");
            requests = split;
            stages = StageBreakdown.attach(split.getSideOutput(SplitTraceSpans.TRACE_SPANS), config);
        }

        // Optionally, the embedding model's cosine(response, reference) as the semantic signal.
        DataStream<LogRecord> withSemantics = config.scoring().semantic()
                ? SemanticSimilarityStage.attach(requests, config.scoring())
                : requests;

        // Hallucination scores for records with a reference, and cost; only the facts the windows need go on.
        DataStream<RequestFacts> scored = withSemantics
                .map(new ScoreRequests(config.scoring(), config.prices()))
                .name("score").uid("score");

        // Per (model, route) windows of latency, errors, tokens and scores; records too late for theirs are set aside.
        SingleOutputStreamOperator<WindowMetrics> windows = scored
                .keyBy(new ModelRouteKey())
                .window(windowAssigner(config))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE_RECORDS)
                .aggregate(new WindowStatsAggregate(), new EmitWindowMetrics())
                .name("window-metrics").uid("window-metrics");

        // Dead letters: invalid records plus records that arrived after their window closed.
        DataStream<DeadLetter> lateRecords = windows.getSideOutput(LATE_RECORDS)
                .map(new LateRecordToDeadLetter(config.parserLimits().maxDeadLetterChars()))
                .name("late-records").uid("late-records");
        DataStream<DeadLetter> deadLetters = records.getSideOutput(ParseLogRecords.DEAD_LETTERS).union(lateRecords);
        if (stages != null) {
            deadLetters = deadLetters.union(stages.deadLetters());
        }

        // With a reference: per (model, route) drift windows that embed a sample of the texts at window close.
        DataStream<DriftWindow> driftWindows = config.drift() == null
                ? null
                : DriftStage.attach(requests, config.drift());

        return new Outputs(windows, deadLetters, driftWindows, stages == null ? null : stages.windows());
    }

    private static WindowAssigner<Object, TimeWindow> windowAssigner(PipelineConfig config) {
        return config.windowSlide() == null
                ? TumblingEventTimeWindows.of(config.windowSize())
                : SlidingEventTimeWindows.of(config.windowSize(), config.windowSlide());
    }
}
