package io.llmeval.jobs.pipeline;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event-time strategy of the pipeline: bounded out-of-orderness, idle-split handling, record timestamps. */
public final class RequestWatermarks {

    private RequestWatermarks() {}

    public static WatermarkStrategy<RequestFacts> strategy(PipelineConfig config) {
        return WatermarkStrategy.<RequestFacts>forBoundedOutOfOrderness(config.outOfOrderness())
                .withIdleness(config.idleness())
                .withTimestampAssigner(new EventTime());
    }

    /** Takes the record's {@code timestamp} field as its event time. */
    static final class EventTime implements SerializableTimestampAssigner<RequestFacts> {
        @Override
        public long extractTimestamp(RequestFacts record, long previousTimestamp) {
            return record.timestampMillis;
        }
    }
}
