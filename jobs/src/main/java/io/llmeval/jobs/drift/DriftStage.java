package io.llmeval.jobs.drift;

import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
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

    static final class ObservationKey implements KeySelector<DriftObservation, Tuple2<String, String>> {
        @Override
        public Tuple2<String, String> getKey(DriftObservation observation) {
            return Tuple2.of(observation.model, observation.route);
        }
    }
}
