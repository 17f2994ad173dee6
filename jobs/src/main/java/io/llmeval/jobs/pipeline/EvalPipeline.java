package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.drift.DriftPartial;
import io.llmeval.jobs.drift.DriftStage;
import io.llmeval.jobs.drift.DriftWindow;
import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.LogRecord;
import io.llmeval.jobs.otel.TraceSpan;
import io.llmeval.jobs.schema.RawLine;
import io.llmeval.jobs.stages.SplitTraceSpans;
import io.llmeval.jobs.stages.StageBreakdown;
import io.llmeval.jobs.stages.StageWindow;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/**
 * The one pipeline definition that the streaming job, the backfill and the demo share:
 * raw lines → parse and validate → event time → time range → score and price → (model, route) windows → window
 * metrics, with every unusable record on the dead-letter stream; with OTLP input also the spans' stage breakdown.
 * Sources and sinks come from the caller, so tests wire their own.
 *
 * <p>Three shapes over the same front ({@link #requests}):
 * <ul>
 *   <li>{@link #build}: Flink's event-time windows — streaming jobs and the demo (and any bounded run);</li>
 *   <li>{@link #buildPartials}: a backfill unit — each subtask folds its requests into per-key-window partials
 *       (no shuffle of records);</li>
 *   <li>{@link #finish}: the backfill's last job — every unit's partials merged per key-window into the same
 *       window metrics (and drift verdicts) a single pass computes.</li>
 * </ul>
 */
public final class EvalPipeline {

    static final OutputTag<RequestFacts> LATE_RECORDS = new OutputTag<>("late-records") {};

    private EvalPipeline() {}

    /**
     * The shared front: valid requests in the run's time range with their event time (for drift), their facts for the
     * windows, the invalid records as dead letters, and with OTLP input every span for the stage breakdown
     * ({@code null} for JSON lines).
     */
    public record Requests(DataStream<LogRecord> records, DataStream<RequestFacts> facts,
                           DataStream<DeadLetter> deadLetters, DataStream<TraceSpan> spans) {}

    /**
     * What the windowed pipeline produces: one row per closed key-window, the dead letters, with a drift reference one
     * drift verdict per closed drift key-window ({@code null} without one), and with OTLP input one row per closed
     * (model, route, stage) window ({@code null} for JSON lines).
     */
    public record Outputs(DataStream<WindowMetrics> windows, DataStream<DeadLetter> deadLetters,
                          DataStream<DriftWindow> driftWindows, DataStream<StageWindow> stages) {}

    /**
     * What a backfill unit produces: window partials, dead letters, drift sample partials ({@code null} without a
     * reference), and the spans ({@code null} without OTLP input: a trace may span units, so it is assembled at the end).
     */
    public record Partials(DataStream<WindowPartial> windows, DataStream<DeadLetter> deadLetters,
                           DataStream<DriftPartial> drift, DataStream<TraceSpan> spans) {}

    /**
     * What a backfill's last job produces from all partials: the windows, the drift verdicts ({@code null} without),
     * the stage windows and the stage breakdown's dead letters ({@code null} without spans).
     */
    public record Finished(DataStream<WindowMetrics> windows, DataStream<DriftWindow> driftWindows,
                           DataStream<StageWindow> stages, DataStream<DeadLetter> stageDeadLetters) {}

    public static Requests requests(DataStream<RawLine> rawLines, PipelineConfig config) {
        // Parse and validate; invalid records leave through a side output with their reason.
        SingleOutputStreamOperator<LogRecord> parsed = rawLines
                .process(new ParseLogRecords(config.parserLimits(), config.input()))
                .name("parse-and-validate").uid("parse-and-validate");

        // Event time, once for every branch: the record's timestamp, tolerant of shippers' reordering.
        DataStream<LogRecord> timestamped = parsed
                .assignTimestampsAndWatermarks(RequestWatermarks.strategy(config))
                .name("event-time").uid("event-time");

        // Only the run's time range, when it has one (counted, not dead-lettered: such records are not bad).
        DataStream<LogRecord> inRange = config.timeRange().isAll()
                ? timestamped
                : timestamped.filter(new KeepTimeRange(config.timeRange())).name("time-range").uid("time-range");

        // Spans in: every span to the stage breakdown, the GenAI request spans on as requests.
        DataStream<LogRecord> records = inRange;
        DataStream<TraceSpan> spans = null;
        if (config.spans()) {
            SingleOutputStreamOperator<LogRecord> split = inRange
                    .process(new SplitTraceSpans())
                    .name("split-trace-spans").uid("split-trace-spans");
            records = split;
            spans = split.getSideOutput(SplitTraceSpans.TRACE_SPANS);
        }

        // Optionally, the embedding model's cosine(response, reference) as the semantic signal.
        DataStream<LogRecord> withSemantics = config.scoring().semantic()
                ? SemanticSimilarityStage.attach(records, config.scoring())
                : records;

        // Hallucination scores for records with a reference, and cost; only the facts the windows need go on.
        DataStream<RequestFacts> facts = withSemantics
                .map(new ScoreRequests(config.scoring(), config.prices()))
                .name("score").uid("score");

        return new Requests(records, facts, parsed.getSideOutput(ParseLogRecords.DEAD_LETTERS), spans);
    }

    public static Outputs build(DataStream<RawLine> rawLines, PipelineConfig config) {
        Requests requests = requests(rawLines, config);

        // Per (model, route) windows of latency, errors, tokens and scores; records too late for theirs are set aside.
        SingleOutputStreamOperator<WindowMetrics> windows = requests.facts()
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
        DataStream<DeadLetter> deadLetters = requests.deadLetters().union(lateRecords);

        // Spans in: the stage breakdown per (model, route, stage) window; incomplete traces are dead letters.
        StageBreakdown.Outputs stages = requests.spans() == null ? null : StageBreakdown.attach(requests.spans(), config);
        if (stages != null) {
            deadLetters = deadLetters.union(stages.deadLetters());
        }

        // With a reference: per (model, route) drift windows that embed a sample of the texts at window close.
        DataStream<DriftWindow> driftWindows = config.drift() == null
                ? null
                : DriftStage.attach(requests.records(), config.drift());

        return new Outputs(windows, deadLetters, driftWindows, stages == null ? null : stages.windows());
    }

    /**
     * A backfill unit (batch): the same front, then each subtask folds its requests into window partials (and drift
     * samples) in memory, at most {@code maxOpenWindows} key-windows and {@code maxOpenDriftItems} sampled texts at a
     * time, and emits them at the end of its input. Batch runs have no late records.
     */
    public static Partials buildPartials(DataStream<RawLine> rawLines, PipelineConfig config, int maxOpenWindows,
                                         long maxOpenDriftItems) {
        Requests requests = requests(rawLines, config);

        DataStream<WindowPartial> windows = requests.facts()
                .transform("window-partials", TypeInformation.of(WindowPartial.class),
                        new LocalWindowAggregate(windowAssigner(config), maxOpenWindows))
                .uid("window-partials");

        DataStream<DriftPartial> drift = config.drift() == null
                ? null
                : DriftStage.partials(requests.records(), config.drift(), maxOpenDriftItems);

        return new Partials(windows, requests.deadLetters(), drift, requests.spans());
    }

    /**
     * A backfill's last job (batch): the partials of every unit merged per key-window into window metrics stamped with
     * their window's last instant (so that keyed batch operators downstream, the alert rules, see each key's windows in
     * time order), and the drift partials merged and judged.
     */
    public static Finished finish(DataStream<WindowPartial> partials, DataStream<DriftPartial> driftPartials,
                                  DataStream<TraceSpan> spans, PipelineConfig config) {
        DataStream<WindowMetrics> windows = partials
                .keyBy(new PartialKey())
                .reduce(new MergePartials())
                .name("merge-window-partials").uid("merge-window-partials")
                .map(new PartialToMetrics())
                .name("window-metrics").uid("window-metrics")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<WindowMetrics>forMonotonousTimestamps()
                        .withTimestampAssigner(new WindowEnd()))
                .name("window-time").uid("window-time");

        DataStream<DriftWindow> driftWindows = driftPartials == null || config.drift() == null
                ? null
                : DriftStage.judge(driftPartials, config.drift());

        // Spans in: every unit's spans, each with its start as event time, assembled into the stage breakdown here.
        StageBreakdown.Outputs stages = spans == null ? null : StageBreakdown.attach(spans
                .assignTimestampsAndWatermarks(WatermarkStrategy.<TraceSpan>forMonotonousTimestamps()
                        .withTimestampAssigner(new SpanStart()))
                .name("span-time").uid("span-time"), config);

        return new Finished(windows, driftWindows, stages == null ? null : stages.windows(),
                stages == null ? null : stages.deadLetters());
    }

    static WindowAssigner<Object, TimeWindow> windowAssigner(PipelineConfig config) {
        return config.windowSlide() == null
                ? TumblingEventTimeWindows.of(config.windowSize())
                : SlidingEventTimeWindows.of(config.windowSize(), config.windowSlide());
    }

    static final class PartialKey implements KeySelector<WindowPartial, Tuple3<String, String, Long>> {
        @Override
        public Tuple3<String, String, Long> getKey(WindowPartial partial) {
            return Tuple3.of(partial.model, partial.route, partial.windowStartMillis);
        }
    }

    static final class MergePartials implements ReduceFunction<WindowPartial> {
        @Override
        public WindowPartial reduce(WindowPartial a, WindowPartial b) {
            return a.merge(b);
        }
    }

    static final class PartialToMetrics implements MapFunction<WindowPartial, WindowMetrics> {
        @Override
        public WindowMetrics map(WindowPartial merged) {
            return merged.toMetrics();
        }
    }

    static final class SpanStart implements SerializableTimestampAssigner<TraceSpan> {
        @Override
        public long extractTimestamp(TraceSpan span, long previousTimestamp) {
            return span.startMillis();
        }
    }

    static final class WindowEnd implements SerializableTimestampAssigner<WindowMetrics> {
        @Override
        public long extractTimestamp(WindowMetrics window, long previousTimestamp) {
            return window.windowEndMillis - 1;
        }
    }
}
