package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.EventTimestamps;
import io.llmeval.jobs.schema.ParserLimits;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Records that arrive after their window closed (beyond out-of-orderness and allowed lateness) are
 * not lost: they become dead letters with reason {@code late_event} and are counted. Windows see
 * {@link RequestFacts}, not the original text, so the dead letter carries the facts as JSON and the
 * record's {@code source} position to find the original by; kept, masked or dropped as
 * {@link ParserLimits#deadLetterRaw()} says, like the parser's dead letters.
 */
public class LateRecordToDeadLetter extends RichMapFunction<RequestFacts, DeadLetter> {

    public static final String REASON = "late_event";

    private final ParserLimits limits;
    private transient Counter lateRecords;

    public LateRecordToDeadLetter(ParserLimits limits) {
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        lateRecords = getRuntimeContext().getMetricGroup().addGroup("llm_eval").counter("records_late");
    }

    @Override
    public DeadLetter map(RequestFacts facts) {
        lateRecords.inc();
        return DeadLetter.of(REASON, factsJson(facts), facts.source, limits.deadLetterRaw(), limits.maxDeadLetterChars());
    }

    static String factsJson(RequestFacts f) {
        com.fasterxml.jackson.databind.node.ObjectNode json = JSON.createObjectNode()
                .put("request_id", f.requestId)
                .put("timestamp", EventTimestamps.format(f.timestampMillis))
                .put("model", f.model)
                .put("route", f.route)
                .put("latency_ms", f.latencyMs)
                .put("status", f.error ? "error" : "ok");
        if (f.ttftMs != null) {
            json.put("ttft_ms", f.ttftMs);
        }
        if (f.inputTokens != null) {
            json.put("input_tokens", f.inputTokens);
        }
        if (f.outputTokens != null) {
            json.put("output_tokens", f.outputTokens);
        }
        if (f.traceId != null) {
            json.put("trace_id", f.traceId);
        }
        return json.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
