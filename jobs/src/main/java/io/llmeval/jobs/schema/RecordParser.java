package io.llmeval.jobs.schema;

import java.util.function.Consumer;

/**
 * Turns one raw input record into parse results: one for a JSON-lines record, one per span for an OTLP document
 * (or one dead letter for a document that cannot be read). Every result counts as one input record.
 * Not thread-safe; one per operator instance ({@link InputSettings#parser}).
 */
public interface RecordParser {

    void parse(RawLine line, Consumer<ParseResult> out);
}
