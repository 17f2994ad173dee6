package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.drift.DriftStage;
import io.llmeval.jobs.drift.DriftWindow;
import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.LogRecord;
import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/**
 * The one pipeline definition that the streaming job, the backfill job and the demo share:
 * raw lines → parse and validate → score → event time → (model, route) windows → window metrics, with every
 * unusable record on the dead-letter stream. Sources and sinks come from the caller, so tests wire
 * their own. In batch mode the same graph runs over bounded input and gives the same windows.
 */
public final class EvalPipeline {

    static final OutputTag<RequestFacts> LATE_RECORDS = new OutputTag<>("late-records") {};

    private EvalPipeline() {}

    /**
     * What the pipeline produces: one row per closed key-window, the dead letters, and with a drift reference one
     * drift verdict per closed drift key-window ({@code null} without one).
     */
    public record Outputs(DataStream<WindowMetrics> windows, DataStream<DeadLetter> deadLetters,
                          DataStream<DriftWindow> driftWindows) {}

    public static Outputs build(DataStream<RawLine> rawLines, PipelineConfig config) {
        // Parse and validate; invalid records leave through a side output with their reason.
        SingleOutputStreamOperator<LogRecord> records = rawLines
                .process(new ParseLogRecords(config.parserLimits()))
                .name("parse-and-validate").uid("parse-and-validate");

        // Optionally, the embedding model's cosine(response, reference) as the semantic signal.
        DataStream<LogRecord> withSemantics = config.scoring().semantic()
                ? SemanticSimilarityStage.attach(records)
                : records;

        // Hallucination scores for records with a reference; only the facts the windows need go on.
        DataStream<RequestFacts> scored = withSemantics
                .map(new ScoreRequests(config.scoring()))
                .name("score").uid("score");

        // Event time from the record's timestamp, tolerant of shippers' reordering.
        DataStream<RequestFacts> timestamped = scored
                .assignTimestampsAndWatermarks(RequestWatermarks.strategy(config))
                .name("event-time").uid("event-time");

        // Per (model, route) windows of latency, errors, tokens and scores; records too late for theirs are set aside.
        SingleOutputStreamOperator<WindowMetrics> windows = timestamped
                .keyBy(new ModelRouteKey())
                .window(windowAssigner(config))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE_RECORDS)
                .aggregate(new WindowStatsAggregate(), new EmitWindowMetrics())
                .name("window-metrics").uid("window-metrics");

        // Dead letters: invalid records plus records that arrived after their window closed.
        DataStream<DeadLetter> lateRecords = windows.getSideOutput(LATE_RECORDS)
                .map(new LateRecordToDeadLetter(config.parserLimits()))
                .name("late-records").uid("late-records");
        DataStream<DeadLetter> deadLetters = records.getSideOutput(ParseLogRecords.DEAD_LETTERS).union(lateRecords);

        // With a reference: per (model, route) drift windows that embed a sample of the texts at window close.
        DataStream<DriftWindow> driftWindows = config.drift() == null
                ? null
                : DriftStage.attach(records, config.drift(), config.outOfOrderness(), config.idleness());

        return new Outputs(windows, deadLetters, driftWindows);
    }

    private static WindowAssigner<Object, TimeWindow> windowAssigner(PipelineConfig config) {
        return config.windowSlide() == null
                ? TumblingEventTimeWindows.of(config.windowSize())
                : SlidingEventTimeWindows.of(config.windowSize(), config.windowSlide());
    }
}
