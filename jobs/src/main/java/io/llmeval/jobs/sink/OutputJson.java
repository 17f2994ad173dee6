package io.llmeval.jobs.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.llmeval.jobs.alerts.AlertEvent;
import io.llmeval.jobs.drift.DriftWindow;
import io.llmeval.jobs.pipeline.WindowMetrics;
import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.EventTimestamps;
import io.llmeval.jobs.stages.StageWindow;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON-lines encoding of the pipeline's outputs. Field order is fixed ({@link WindowMetrics#COLUMNS})
 * and numbers are written with Java's shortest round-trip form, so equal windows give equal bytes.
 */
public final class OutputJson {

    private static final JsonFactory JSON = new JsonFactory();

    private OutputJson() {}

    public static String windowToJson(WindowMetrics metrics) {
        return write(metrics.values(), WindowMetrics.COLUMNS);
    }

    public static String driftWindowToJson(DriftWindow window) {
        return write(window.values(), DriftWindow.COLUMNS);
    }

    public static String deadLetterToJson(DeadLetter deadLetter) {
        return deadLetter.detail == null
                ? write(new Object[] {deadLetter.reason, deadLetter.raw, deadLetter.source}, List.of("reason", "raw", "source"))
                : write(new Object[] {deadLetter.reason, deadLetter.raw, deadLetter.source, deadLetter.detail},
                        List.of("reason", "raw", "source", "detail"));
    }

    /** An alert event with the fields of sql/alerts.sql's sinks; times ISO-8601 UTC, no value as null. */
    public static String alertToJson(AlertEvent event) {
        Object[] values = {event.alert(), event.state().id(), event.model(), event.route(),
            EventTimestamps.format(event.windowStartMillis()), EventTimestamps.format(event.windowEndMillis()),
            event.value(), event.threshold(), (long) event.breachedWindows(), event.exemplars()};
        if (event.stageSlow() == null) {
            return write(values, AlertEvent.FIELDS);
        }
        Object[] noted = java.util.Arrays.copyOf(values, values.length + 1);
        noted[values.length] = event.stageSlow();
        List<String> names = new java.util.ArrayList<>(AlertEvent.FIELDS);
        names.add(AlertEvent.STAGE_SLOW);
        return write(noted, names);
    }

    /** A stage window of OUTPUT/stages/, fields in {@link StageWindow#COLUMNS} order. */
    public static String stageWindowToJson(StageWindow window) {
        return write(window.values(), StageWindow.COLUMNS);
    }

    private static String write(Object[] values, List<String> names) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                json.writeFieldName(names.get(i));
                writeValue(json, values[i]);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                json.writeNull();
            } else {
                json.writeNumber(d);
            }
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }

    /** One CSV cell (RFC 4180 quoting); {@code NaN} is an empty cell. */
    public static String csvCell(Object value) {
        if (value == null || (value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return "";
        }
        String text = value.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
