package io.llmeval.jobs.stages;

import io.llmeval.jobs.otel.TraceSpan;
import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits OTLP input after event time is assigned: every span (requests included) to {@link #TRACE_SPANS} for the
 * stage breakdown, the GenAI requests on as records for the windows, scores and drift. Timestamps and watermarks
 * carry over to both.
 */
public class SplitTraceSpans extends ProcessFunction<LogRecord, LogRecord> {

    public static final OutputTag<TraceSpan> TRACE_SPANS = new OutputTag<>("trace-spans") {};

    @Override
    public void processElement(LogRecord record, Context ctx, Collector<LogRecord> out) {
        if (record.span != null) {
            ctx.output(TRACE_SPANS, record.span);
        }
        if (record.isRequest()) {
            out.collect(record);
        }
    }
}
