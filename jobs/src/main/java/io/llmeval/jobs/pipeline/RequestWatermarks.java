package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time strategy of the pipeline, applied once right after parsing (every branch, metric windows and drift
 * windows alike, inherits its timestamps and watermarks): bounded out-of-orderness, idle-split handling, the record's
 * {@code timestamp}.
 */
public final class RequestWatermarks {

    private RequestWatermarks() {}

    public static WatermarkStrategy<LogRecord> strategy(PipelineConfig config) {
        return WatermarkStrategy.<LogRecord>forBoundedOutOfOrderness(config.outOfOrderness())
                .withIdleness(config.idleness())
                .withTimestampAssigner(new EventTime());
    }

    /** Takes the record's {@code timestamp} field as its event time. */
    static final class EventTime implements SerializableTimestampAssigner<LogRecord> {
        @Override
        public long extractTimestamp(LogRecord record, long previousTimestamp) {
            return record.timestampMillis;
        }
    }
}
