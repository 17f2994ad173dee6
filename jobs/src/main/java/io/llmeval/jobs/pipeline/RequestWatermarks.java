package io.llmeval.jobs.pipeline;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/** Event-time strategy of the pipeline: bounded out-of-orderness, idle-split handling, record timestamps. */
public final class RequestWatermarks {

    private RequestWatermarks() {}

    public static WatermarkStrategy<RequestFacts> strategy(PipelineConfig config) {
        return strategy(config.outOfOrderness(), config.idleness(), new EventTime());
    }

    /** The same strategy for another record type of the pipeline (the drift branch's observations). */
    public static <T> WatermarkStrategy<T> strategy(Duration outOfOrderness, Duration idleness,
                                                    SerializableTimestampAssigner<T> eventTime) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(outOfOrderness)
                .withIdleness(idleness)
                .withTimestampAssigner(eventTime);
    }

    /** Takes the record's {@code timestamp} field as its event time. */
    static final class EventTime implements SerializableTimestampAssigner<RequestFacts> {
        @Override
        public long extractTimestamp(RequestFacts record, long previousTimestamp) {
            return record.timestampMillis;
        }
    }
}
