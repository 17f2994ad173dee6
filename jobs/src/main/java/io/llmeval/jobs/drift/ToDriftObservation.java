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
        DriftObservation observation = of(record, field, maxTextChars);
        if (observation != null) {
            out.collect(observation);
        }
    }

    /** The record's observation, or null when it lacks the field's text. The reference builder uses it too. */
    static DriftObservation of(LogRecord record, TextField field, int maxTextChars) {
        String text = field.of(record);
        if (text == null || text.isBlank()) {
            return null;
        }
        DriftObservation observation = new DriftObservation();
        observation.requestId = record.requestId;
        observation.model = record.model;
        observation.route = record.route;
        observation.timestampMillis = record.timestampMillis;
        observation.text = cut(text, maxTextChars);
        observation.inputTokens = record.inputTokens == null ? -1 : record.inputTokens;
        observation.outputTokens = record.error || record.outputTokens == null ? -1 : record.outputTokens;
        return observation;
    }

    /** The first {@code maxChars} characters: the reference builder cuts the same way, so both embed the same inputs. */
    static String cut(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }
}
