package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.LogRecord;
import io.llmeval.jobs.schema.LogRecordJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Records that arrive after their window closed (beyond out-of-orderness and allowed lateness) are
 * not lost: they become dead letters with reason {@code late_event} and are counted.
 */
public class LateRecordToDeadLetter extends RichMapFunction<LogRecord, DeadLetter> {

    public static final String REASON = "late_event";

    private final int maxChars;
    private transient Counter lateRecords;

    public LateRecordToDeadLetter(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public void open(OpenContext openContext) {
        lateRecords = getRuntimeContext().getMetricGroup().addGroup("llm_eval").counter("records_late");
    }

    @Override
    public DeadLetter map(LogRecord record) {
        lateRecords.inc();
        String json = LogRecordJson.toJson(record);
        return new DeadLetter(REASON, json.length() <= maxChars ? json : json.substring(0, maxChars), record.source);
    }
}
