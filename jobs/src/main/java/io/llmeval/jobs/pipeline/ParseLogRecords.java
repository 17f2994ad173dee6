package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.LogRecord;
import io.llmeval.jobs.schema.InputSettings;
import io.llmeval.jobs.schema.ParseResult;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.jobs.schema.RawLine;
import io.llmeval.jobs.schema.RecordParser;
import io.llmeval.jobs.progress.LocalProgress;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses and validates raw lines. Valid records go downstream; every invalid one goes to the
 * {@link #DEAD_LETTERS} side output with its reason. Nothing is thrown and nothing is dropped:
 * {@code records_in == records_valid + records_dead_lettered} at all times. An input record is a line (or Kafka
 * record) of JSON-lines input; of OTLP input it is a span, or a document that cannot be read (docs/otel.md).
 */
public class ParseLogRecords extends ProcessFunction<RawLine, LogRecord> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final ParserLimits limits;
    private final InputSettings input;

    private transient RecordParser parser;
    private transient Counter recordsIn;
    private transient Counter recordsValid;
    private transient Counter recordsDeadLettered;
    private transient Map<String, Counter> deadLettersByReason;

    public ParseLogRecords(ParserLimits limits, InputSettings input) {
        this.limits = limits;
        this.input = input;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = input.parser(limits);
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("llm_eval");
        recordsIn = metrics.counter("records_in");
        recordsValid = metrics.counter("records_valid");
        recordsDeadLettered = metrics.counter("records_dead_lettered");
        deadLettersByReason = new HashMap<>();
    }

    @Override
    public void processElement(RawLine line, Context ctx, Collector<LogRecord> out) {
        parser.parse(line, result -> route(result, ctx, out));
    }

    private void route(ParseResult result, Context ctx, Collector<LogRecord> out) {
        recordsIn.inc();
        if (result.isValid()) {
            recordsValid.inc();
            out.collect(result.record());
        } else {
            recordsDeadLettered.inc();
            LocalProgress.addDeadLetter();
            reasonCounter(result.deadLetter()).inc();
            ctx.output(DEAD_LETTERS, result.deadLetter());
        }
    }

    private Counter reasonCounter(DeadLetter deadLetter) {
        // Reason categories are a small fixed set, so this map stays tiny.
        return deadLettersByReason.computeIfAbsent(deadLetter.reasonCategory(), reason ->
                getRuntimeContext().getMetricGroup().addGroup("llm_eval").addGroup("reason", reason)
                        .counter("dead_letters"));
    }
}
