package io.llmeval.jobs.drift;

import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the drift-relevant part of each valid record; records without the embedded text (an error has no
 * response) have nothing to compare and are left out.
 */
public class ToDriftObservation implements FlatMapFunction<LogRecord, DriftObservation> {

    private final TextField field;
    private final int maxTextChars;

    public ToDriftObservation(TextField field, int maxTextChars) {
        this.field = field;
        this.maxTextChars = maxTextChars;
    }

    @Override
    public void flatMap(LogRecord record, Collector<DriftObservation> out) {
        String text = field.of(record);
        if (text == null || text.isBlank()) {
            return;
        }
        DriftObservation observation = new DriftObservation();
        observation.requestId = record.requestId;
        observation.model = record.model;
        observation.route = record.route;
        observation.timestampMillis = record.timestampMillis;
        // Cut as the reference builder cuts, so that both embed the same inputs.
        observation.text = text.length() <= maxTextChars ? text : text.substring(0, maxTextChars);
        observation.inputTokens = record.inputTokens == null ? -1 : record.inputTokens;
        observation.outputTokens = record.error || record.outputTokens == null ? -1 : record.outputTokens;
        out.collect(observation);
    }
}
