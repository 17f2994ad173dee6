package io.llmeval.jobs.drift;

import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The drift branch of the pipeline: valid records → (model, route) tumbling windows of
 * {@link DriftConfig#windowSize()} that keep a bottom-K sample of texts → at window close, embed the sample and
 * judge it against the reference. Its own class so that jobs without a reference never load the inference classes.
 *
 * <p>The records come with the pipeline's event time (timestamps and watermarks assigned once, after parsing); records
 * later than the watermark are only left out of the drift sample: the metric branch already dead-letters them.
 */
public final class DriftStage {

    private DriftStage() {}

    /** {@code timestampedRecords}: valid records with event time already assigned. */
    public static DataStream<DriftWindow> attach(DataStream<LogRecord> timestampedRecords, DriftConfig config) {
        return timestampedRecords
                .flatMap(new ToDriftObservation(config.field(), config.maxTextChars()))
                .name("drift-observations").uid("drift-observations")
                .keyBy(new ObservationKey())
                .window(TumblingEventTimeWindows.of(config.windowSize()))
                .aggregate(new DriftSampleAggregate(config.sampleSize(), config.seed()), new EmitDriftWindow(config))
                .name("drift-windows").uid("drift-windows");
    }

    /**
     * Backfill units: the drift samples of {@code timestampedRecords} folded per key-window on each subtask (no shuffle),
     * to be merged and judged by {@link #judge} once every unit is done.
     */
    public static DataStream<DriftPartial> partials(DataStream<LogRecord> timestampedRecords, DriftConfig config,
                                                    long maxOpenItems) {
        return timestampedRecords
                .flatMap(new ToDriftObservation(config.field(), config.maxTextChars()))
                .name("drift-observations").uid("drift-observations")
                .transform("drift-partials", TypeInformation.of(DriftPartial.class),
                        new LocalDriftSampleAggregate(config, maxOpenItems))
                .uid("drift-partials");
    }

    /**
     * Backfill finalisation: the units' samples merged per key-window and judged, as a streaming run's windows are,
     * each verdict stamped with its window's last instant so that keyed batch operators downstream (the drift alert
     * rule's state machine) see each key's windows in time order, as a streaming window operator emits them.
     */
    public static DataStream<DriftWindow> judge(DataStream<DriftPartial> partials, DriftConfig config) {
        SingleOutputStreamOperator<DriftWindow> judged = partials
                .keyBy(new PartialKey())
                .reduce(new MergePartials())
                .name("merge-drift-partials").uid("merge-drift-partials")
                .rebalance() // windows dealt out evenly: a verdict depends on its window and the seed only
                .map(new JudgeDriftPartial(config))
                .name("drift-windows").uid("drift-windows");
        // The partials are few bytes, so Flink's adaptive batch scheduler would run this on one subtask: give it the
        // job's parallelism, as embedding the windows' samples is the costly step of a backfill with a reference.
        int parallelism = partials.getExecutionEnvironment().getParallelism();
        if (parallelism > 0) {
            judged.setParallelism(parallelism);
        }
        return judged
                .assignTimestampsAndWatermarks(WatermarkStrategy.<DriftWindow>forMonotonousTimestamps()
                        .withTimestampAssigner(new DriftWindowEnd()))
                .name("drift-window-time").uid("drift-window-time");
    }

    static final class DriftWindowEnd implements SerializableTimestampAssigner<DriftWindow> {
        @Override
        public long extractTimestamp(DriftWindow window, long previousTimestamp) {
            return window.windowEndMillis - 1;
        }
    }

    static final class ObservationKey implements KeySelector<DriftObservation, Tuple2<String, String>> {
        @Override
        public Tuple2<String, String> getKey(DriftObservation observation) {
            return Tuple2.of(observation.model, observation.route);
        }
    }

    static final class PartialKey implements KeySelector<DriftPartial, Tuple3<String, String, Long>> {
        @Override
        public Tuple3<String, String, Long> getKey(DriftPartial partial) {
            return Tuple3.of(partial.model, partial.route, partial.windowStartMillis);
        }
    }

    static final class MergePartials implements ReduceFunction<DriftPartial> {
        @Override
        public DriftPartial reduce(DriftPartial a, DriftPartial b) {
            return a.merge(b);
        }
    }
}
