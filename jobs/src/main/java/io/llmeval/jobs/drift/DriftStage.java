package io.llmeval.jobs.drift;

import io.llmeval.jobs.pipeline.RequestWatermarks;
import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import java.time.Duration;

/**
 * The drift branch of the pipeline: valid records → (model, route) tumbling windows of
 * {@link DriftConfig#windowSize()} that keep a bottom-K sample of texts → at window close, embed the sample and
 * judge it against the reference. Its own class so that jobs without a reference never load the inference classes.
 *
 * <p>Event time comes from the record as in the metric branch, with the same out-of-orderness and idleness, but
 * records later than that are only left out of the drift sample: the metric branch already dead-letters them.
 */
public final class DriftStage {

    private DriftStage() {}

    public static DataStream<DriftWindow> attach(DataStream<LogRecord> records, DriftConfig config,
                                                 Duration outOfOrderness, Duration idleness) {
        return records
                .flatMap(new ToDriftObservation(config.field(), config.maxTextChars()))
                .name("drift-observations").uid("drift-observations")
                .assignTimestampsAndWatermarks(RequestWatermarks.strategy(outOfOrderness, idleness, new ObservationTime()))
                .name("drift-event-time").uid("drift-event-time")
                .keyBy(new ObservationKey())
                .window(TumblingEventTimeWindows.of(config.windowSize()))
                .aggregate(new DriftSampleAggregate(config.sampleSize(), config.seed()), new EmitDriftWindow(config))
                .name("drift-windows").uid("drift-windows");
    }

    static final class ObservationTime implements SerializableTimestampAssigner<DriftObservation> {
        @Override
        public long extractTimestamp(DriftObservation observation, long previousTimestamp) {
            return observation.timestampMillis;
        }
    }

    static final class ObservationKey implements KeySelector<DriftObservation, Tuple2<String, String>> {
        @Override
        public Tuple2<String, String> getKey(DriftObservation observation) {
            return Tuple2.of(observation.model, observation.route);
        }
    }
}
