package io.llmeval.jobs.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogRecordParserTest {

    private static final String VALID = "{\"request_id\":\"r1\",\"timestamp\":\"2026-01-01T00:00:01.500Z\","
            + "\"model\":\"gpt-4o-mini\",\"route\":\"rag\",\"latency_ms\":812.5,\"ttft_ms\":120,"
            + "\"input_tokens\":40,\"output_tokens\":200,\"status\":\"ok\",\"mean_logprob\":-0.31,"
            + "\"prompt\":\"q\",\"response\":\"a\",\"reference\":\"ctx\",\"trace_id\":\"t\",\"span_id\":\"s\","
            + "\"tenant\":\"acme\",\"attributes\":{\"server.address\":\"llm-1\",\"retries\":2,\"cached\":true}}";

    private final LogRecordParser parser = new LogRecordParser(ParserLimits.DEFAULTS);

    private ParseResult parse(String json) {
        return parser.parse(new RawLine(json.getBytes(StandardCharsets.UTF_8), "f.jsonl:7", false));
    }

    @Test
    void parsesEveryFieldOfAValidRecord() {
        ParseResult result = parse(VALID);

        assertThat(result.isValid()).isTrue();
        LogRecord r = result.record();
        assertThat(r.requestId).isEqualTo("r1");
        assertThat(r.timestampMillis).isEqualTo(1767225601500L);
        assertThat(r.model).isEqualTo("gpt-4o-mini");
        assertThat(r.route).isEqualTo("rag");
        assertThat(r.latencyMs).isEqualTo(812.5);
        assertThat(r.ttftMs).isEqualTo(120.0);
        assertThat(r.inputTokens).isEqualTo(40L);
        assertThat(r.outputTokens).isEqualTo(200L);
        assertThat(r.error).isFalse();
        assertThat(r.meanLogprob).isEqualTo(-0.31);
        assertThat(r.reference).isEqualTo("ctx");
        assertThat(r.attributes).containsEntry("server.address", "llm-1").containsEntry("retries", "2")
                .containsEntry("cached", "true");
        assertThat(r.extraJson).isNull();
        assertThat(r.source).isEqualTo("f.jsonl:7");
    }

    @Test
    void optionalFieldsDefaultSensibly() {
        LogRecord r = parse("{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":0}").record();

        assertThat(r.route).isEqualTo("default");
        assertThat(r.error).isFalse();
        assertThat(r.ttftMs).isNull();
        assertThat(r.inputTokens).isNull();
        assertThat(r.reference).isNull();
    }

    @Test
    void unknownFieldsAreKeptNotFatal() {
        LogRecord r = parse("{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":5,"
                + "\"gen_ai.usage.cost\":0.002,\"region\":\"eu\"}").record();

        assertThat(r.extraJson).isEqualTo("{\"gen_ai.usage.cost\":0.002,\"region\":\"eu\"}");
        assertThat(LogRecordJson.toJson(r)).contains("\"region\":\"eu\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-01-01T00:00:00Z", "2026-01-01T02:00:00+02:00", "2026-01-01T00:00:00.000Z",
        "2026-01-01 00:00:00Z", "2026-01-01t00:00:00z", "1767225600000", "2025-12-31T19:00:00-05:00"
    })
    void acceptsEveryTimestampFormOfTheSchema(String timestamp) {
        LogRecord r = parse("{\"request_id\":\"r\",\"timestamp\":\"" + timestamp + "\",\"model\":\"m\",\"latency_ms\":1}").record();
        assertThat(r.timestampMillis).isEqualTo(1767225600000L);
    }

    @Test
    void acceptsEpochMillisAsNumber() {
        assertThat(parse("{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1}")
                .record().timestampMillis).isEqualTo(1767225600000L);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\"        | malformed_json",
        "not json at all                                                                          | malformed_json",
        "[1,2,3]                                                                                  | not_an_object",
        "\"just a string\"                                                                        | not_an_object",
        "{\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1}                           | missing_field:request_id",
        "{\"request_id\":\"\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1}       | invalid_field:request_id",
        "{\"request_id\":7,\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1}          | invalid_field:request_id",
        "{\"request_id\":\"r\",\"model\":\"m\",\"latency_ms\":1}                                  | missing_field:timestamp",
        "{\"request_id\":\"r\",\"timestamp\":\"yesterday\",\"model\":\"m\",\"latency_ms\":1}      | invalid_field:timestamp",
        "{\"request_id\":\"r\",\"timestamp\":1767225600,\"model\":\"m\",\"latency_ms\":1}         | invalid_field:timestamp",
        "{\"request_id\":\"r\",\"timestamp\":true,\"model\":\"m\",\"latency_ms\":1}               | invalid_field:timestamp",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"latency_ms\":1}                      | missing_field:model",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"  \",\"latency_ms\":1}     | invalid_field:model",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\"}                       | missing_field:latency_ms",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":-1}     | invalid_field:latency_ms",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":\"5\"}  | invalid_field:latency_ms",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1,\"ttft_ms\":-3}         | invalid_field:ttft_ms",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1,\"input_tokens\":1.5}  | invalid_field:input_tokens",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1,\"output_tokens\":-2}  | invalid_field:output_tokens",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1,\"status\":\"maybe\"}  | invalid_field:status",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1,\"route\":5}           | invalid_field:route",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1,\"attributes\":[1]}   | invalid_field:attributes",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1,\"attributes\":{\"a\":{\"b\":1}}} | invalid_field:attributes",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1,\"mean_logprob\":\"x\"} | invalid_field:mean_logprob",
        "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":1,\"prompt\":[\"x\"]}     | invalid_field:prompt",
    })
    void deadLettersEachDefectWithItsReason(String json, String reason) {
        ParseResult result = parse(json);

        assertThat(result.isValid()).isFalse();
        assertThat(result.deadLetter().reason).isEqualTo(reason);
        assertThat(result.deadLetter().raw).isEqualTo(json);
        assertThat(result.deadLetter().source).isEqualTo("f.jsonl:7");
    }

    @Test
    void invalidUtf8IsDeadLetteredNotReplaced() {
        String latin1 = "{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"caf?\",\"latency_ms\":1}";
        byte[] bytes = latin1.getBytes(StandardCharsets.US_ASCII);
        bytes[latin1.indexOf('?')] = (byte) 0xE9;

        ParseResult result = parser.parse(new RawLine(bytes, "x:1", false));

        assertThat(result.deadLetter().reason).isEqualTo("invalid_utf8");
        assertThat(result.deadLetter().raw).contains("caf\uFFFD");
    }

    @Test
    void oversizedRecordsAreDeadLetteredWithABoundedExcerpt() {
        ParserLimits small = new ParserLimits(1000, 100, 64);
        LogRecordParser bounded = new LogRecordParser(small);
        String huge = "{\"request_id\":\"r\",\"prompt\":\"" + "x".repeat(5000) + "\"}";

        ParseResult tooLong = bounded.parse(new RawLine(huge.getBytes(StandardCharsets.UTF_8), "x:1", false));
        ParseResult truncatedByReader = bounded.parse(new RawLine(new byte[] {'{'}, "x:2", true));

        assertThat(tooLong.deadLetter().reason).isEqualTo("record_too_large");
        assertThat(tooLong.deadLetter().raw).hasSize(100);
        assertThat(truncatedByReader.deadLetter().reason).isEqualTo("record_too_large");
    }

    @Test
    void absurdNestingIsDeadLettered() {
        String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        assertThat(parse(deep).deadLetter().reason).isEqualTo("malformed_json");
    }

    @Test
    void recordSurvivesARoundTripThroughItsJson() {
        LogRecord r = parse(VALID).record();
        LogRecord again = parser.parse(LogRecordJson.toJson(r), r.source).record();
        assertThat(again).isEqualTo(r);
    }

    @Test
    void cacheAndReasoningCountsArePartsOfTheTokenCounts() {
        LogRecord r = parse("{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":5,"
                + "\"input_tokens\":1000,\"output_tokens\":300,\"cache_read_input_tokens\":800,"
                + "\"cache_write_input_tokens\":200,\"reasoning_output_tokens\":120}").record();

        assertThat(r.cacheReadInputTokens).isEqualTo(800L);
        assertThat(r.cacheWriteInputTokens).isEqualTo(200L);
        assertThat(r.reasoningOutputTokens).isEqualTo(120L);
        assertThat(LogRecordJson.toJson(r)).contains("\"cache_read_input_tokens\":800", "\"reasoning_output_tokens\":120");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"input_tokens\":100,\"cache_read_input_tokens\":101                               | invalid_field:cache_read_input_tokens",
        "\"input_tokens\":100,\"cache_read_input_tokens\":60,\"cache_write_input_tokens\":41 | invalid_field:cache_write_input_tokens",
        "\"output_tokens\":10,\"reasoning_output_tokens\":11                                | invalid_field:reasoning_output_tokens",
        "\"cache_read_input_tokens\":-1                                                      | invalid_field:cache_read_input_tokens",
        "\"reasoning_output_tokens\":1.5                                                     | invalid_field:reasoning_output_tokens",
    })
    void cacheOrReasoningCountsBeyondTheirTotalsAreDeadLetters(String fields, String reason) {
        ParseResult result = parse("{\"request_id\":\"r\",\"timestamp\":1767225600000,\"model\":\"m\",\"latency_ms\":5,"
                + fields.strip() + "}");

        assertThat(result.isValid()).isFalse();
        assertThat(result.deadLetter().reason).isEqualTo(reason);
    }
}
