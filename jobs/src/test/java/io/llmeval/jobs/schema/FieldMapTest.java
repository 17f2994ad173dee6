package io.llmeval.jobs.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Field maps: start-up errors that name the key, pointers into the user's records, and the shipped example maps. */
class FieldMapTest {

    static final Path MAPS = Path.of("..", "docs", "field-maps");

    static List<ParseResult> parseFile(String map, String sample) throws Exception {
        LogRecordParser parser = new LogRecordParser(ParserLimits.DEFAULTS, FieldMap.load(MAPS.resolve(map)));
        List<ParseResult> results = new ArrayList<>();
        List<String> lines = Files.readAllLines(MAPS.resolve(sample));
        for (int i = 0; i < lines.size(); i++) {
            results.add(parser.parse(new RawLine(lines.get(i).getBytes(StandardCharsets.UTF_8), sample + ":" + (i + 1), false)));
        }
        return results;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"request_id\":\"/id\",\"timestamp\":\"/t\",\"model\":\"/m\",\"latency_ms\":\"/l\",\"reqest\":\"/x\"}    | field map m.json: unknown key 'reqest'",
        "{\"request_id\":\"/id\",\"timestamp\":\"/t\",\"model\":\"/m\"}                                          | field map m.json: required field 'latency_ms' is not mapped",
        "{\"request_id\":\"/id\",\"timestamp\":\"/t\",\"model\":\"m\",\"latency_ms\":\"/l\"}                     | field map m.json: 'model' is not a JSON Pointer (RFC 6901): 'm'",
        "{\"request_id\":\"/id\",\"timestamp\":\"/t\",\"model\":3,\"latency_ms\":\"/l\"}                         | field map m.json: 'model' must be a JSON Pointer string",
        "{\"request_id\":\"/id\",\"timestamp\":\"/t\",\"model\":\"/m\",\"latency_ms\":\"/l\",\"timestamp_unit\":\"sec\"} | field map m.json: timestamp_unit must be one of s, ms, us, ns",
        "{\"request_id\":\"/id\",\"timestamp\":\"/t\",\"model\":\"/m\",\"latency_ms\":\"/l\",\"constants\":{\"rout\":\"x\"}} | field map m.json: unknown key 'constants.rout'",
        "{\"request_id\":\"/id\",\"timestamp\":\"/t\",\"model\":\"/m\",\"latency_ms\":\"/l\",\"constants\":{\"model\":\"x\"}} | field map m.json: 'model' is both a pointer and a constant",
        "[\"/id\"]                                                                                                  | field map m.json: expected a JSON object",
    })
    void unusableMapsAreStartUpErrorsNamingTheKey(String json, String message) {
        assertThatThrownBy(() -> FieldMap.parse(json, "m.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void pointersConstantsAndTimestampUnits() {
        FieldMap map = FieldMap.parse("{\"request_id\": \"/meta/id\", \"timestamp\": \"/t\", \"timestamp_unit\": \"us\","
                + "\"model\": \"/a~1b/m\", \"latency_ms\": \"/timing/0\", \"status\": \"/http\","
                + "\"constants\": {\"route\": \"batch\", \"tenant\": \"acme\"}}", "m.json");
        LogRecordParser parser = new LogRecordParser(ParserLimits.DEFAULTS, map);

        ParseResult ok = parser.parse("{\"meta\": {\"id\": \"r1\"}, \"t\": 1767225600123456, \"a/b\": {\"m\": \"gpt\"},"
                + "\"timing\": [812.5, 1], \"http\": 503, \"extra\": true}", "f:1");

        assertThat(ok.isValid()).isTrue();
        LogRecord r = ok.record();
        assertThat(r.requestId).isEqualTo("r1");
        assertThat(r.timestampMillis).isEqualTo(1767225600123L);
        assertThat(r.model).isEqualTo("gpt");
        assertThat(r.latencyMs).isEqualTo(812.5);
        assertThat(r.route).isEqualTo("batch");
        assertThat(r.tenant).isEqualTo("acme");
        assertThat(r.error).as("HTTP 503").isTrue();
        assertThat(r.extraJson).as("only mapped fields are read").isNull();
        // A pointer that finds nothing (or null) is a missing field, as for schema v1.
        ParseResult missing = parser.parse("{\"meta\": {\"id\": \"r2\"}, \"t\": 1767225600000000, \"a/b\": {\"m\": null},"
                + "\"timing\": [1]}", "f:2");
        assertThat(missing.deadLetter().reason).isEqualTo("missing_field:model");
        assertThat(missing.deadLetter().raw).contains("\"a/b\"");
        // RFC 3339 text needs no unit, and a digit string gets one.
        assertThat(parser.parse("{\"meta\":{\"id\":\"r3\"},\"t\":\"2026-01-01T00:00:00Z\",\"a/b\":{\"m\":\"g\"},\"timing\":[1]}", "f:3")
                .record().timestampMillis).isEqualTo(1767225600000L);
        assertThat(parser.parse("{\"meta\":{\"id\":\"r4\"},\"t\":\"1767225600000000\",\"a/b\":{\"m\":\"g\"},\"timing\":[1]}", "f:4")
                .record().timestampMillis).isEqualTo(1767225600000L);
    }

    @Test
    void openAiBatchOutputExampleReadsEveryLineOfItsSample() throws Exception {
        List<ParseResult> results = parseFile("openai-batch-output.json", "openai-batch-output.sample.jsonl");

        assertThat(results).hasSize(6);
        LogRecord first = results.get(0).record();
        assertThat(first.requestId).isEqualTo("batch_req_6772a1b0c4e88190a1f2");
        assertThat(first.traceId).isEqualTo("ticket-1");
        assertThat(first.timestampMillis).isEqualTo(Instant.parse("2026-01-01T00:00:05Z").toEpochMilli());
        assertThat(first.model).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(first.route).isEqualTo("batch");
        assertThat(first.latencyMs).isZero();
        assertThat(first.inputTokens).isEqualTo(1200L);
        assertThat(first.cacheReadInputTokens).isEqualTo(1000L);
        assertThat(first.outputTokens).isEqualTo(300L);
        assertThat(first.error).isFalse();
        assertThat(first.response).startsWith("Billing");
        assertThat(results.get(2).record().reasoningOutputTokens).isEqualTo(1200L);
        // An error-file line has no response: no time, no model.
        assertThat(results.get(4).isValid()).isFalse();
        assertThat(results.get(4).deadLetter().reason).isEqualTo("missing_field:timestamp");
        assertThat(results.get(4).deadLetter().source).isEqualTo("openai-batch-output.sample.jsonl:5");
    }

    @Test
    void heliconeRequestExampleReadsEveryLineOfItsSample() throws Exception {
        List<ParseResult> results = parseFile("helicone-request.json", "helicone-request.sample.jsonl");

        assertThat(results).allMatch(ParseResult::isValid);
        LogRecord first = results.get(0).record();
        assertThat(first.requestId).isEqualTo("7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e51");
        assertThat(first.timestampMillis).isEqualTo(Instant.parse("2026-01-01T00:00:05.120Z").toEpochMilli());
        assertThat(first.model).isEqualTo("gpt-4o-mini");
        assertThat(first.route).isEqualTo("/v1/chat/completions");
        assertThat(first.tenant).isEqualTo("acme");
        assertThat(first.latencyMs).isEqualTo(900.0);
        assertThat(first.ttftMs).isEqualTo(210.0);
        assertThat(first.cacheReadInputTokens).isEqualTo(1000L);
        assertThat(results.get(1).record().error).as("HTTP 429").isTrue();
        assertThat(results.get(1).record().ttftMs).as("null time_to_first_token").isNull();
        LogRecord claude = results.get(2).record();
        assertThat(claude.cacheWriteInputTokens).isEqualTo(3000L);
        assertThat(claude.route).isEqualTo("/v1/messages");
    }
}
