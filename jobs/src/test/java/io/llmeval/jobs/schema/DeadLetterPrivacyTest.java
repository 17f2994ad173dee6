package io.llmeval.jobs.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompts and responses carry user data: a bad record's text reaches only its dead letter's {@code raw}, as
 * {@link DeadLetterRaw} says, never the reason (a metric label), the source, {@code toString} (log lines) or
 * an exception message.
 */
class DeadLetterPrivacyTest {

    /** Secrets of every masked kind, and what masking leaves in their place. */
    static final List<String> SECRETS = List.of("bob.smith@example.com", "sk-proj-Zq3mT8vXw2LkR9pYb4NcJh7FdS1aGe6U",
            "4111 1111 1111 1111", "+1 415 555 0100", "AKIAIOSFODNN7EXAMPLE", "8f2b1c9d7e6a5f4b3c2d1e0f9a8b7c6d");
    static final String PROMPT = "mail bob.smith@example.com, key sk-proj-Zq3mT8vXw2LkR9pYb4NcJh7FdS1aGe6U, card "
            + "4111 1111 1111 1111, call +1 415 555 0100, aws AKIAIOSFODNN7EXAMPLE, "
            + "Authorization: Bearer 8f2b1c9d7e6a5f4b3c2d1e0f9a8b7c6d";
    private static final String OK = "\"request_id\":\"r1\",\"timestamp\":\"2026-01-01T00:05:00Z\",\"model\":\"m\","
            + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"";

    /** One line per parser failure, each with the secret-bearing prompt (and response) in it. */
    static Stream<String> badLines() {
        String prompt = "\"prompt\":\"" + PROMPT + "\",\"response\":\"" + PROMPT + "\"";
        return Stream.of(
                "{" + OK + "," + prompt + ",\"latency_ms\":",                      // malformed_json
                "{" + OK + "," + prompt + ",\"latency_ms\":\"" + PROMPT + "\"}",  // invalid_field:latency_ms
                "{" + OK + "," + prompt + "}",                                     // missing_field:latency_ms
                "{" + OK + "," + prompt + ",\"latency_ms\":1,\"status\":\"" + PROMPT + "\"}", // invalid_field:status
                "[\"" + PROMPT + "\"]",                                            // not_an_object
                PROMPT);                                                           // malformed_json (no JSON)
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void reasonSourceAndToStringCarryNoText(String line) {
        for (DeadLetterRaw mode : DeadLetterRaw.values()) {
            DeadLetter dead = parse(line, mode, "logs/app.jsonl:7");

            assertThat(dead.reason).matches("[a-z_]+(:[a-z_]+)?");
            assertThat(dead.source).isEqualTo("logs/app.jsonl:7");
            for (String secret : SECRETS) {
                assertThat(dead.reason).doesNotContain(secret);
                assertThat(dead.toString()).doesNotContain(secret);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void rawIsKeptMaskedOrDropped(String line) {
        assertThat(parse(line, DeadLetterRaw.KEEP, "x:1").raw).isEqualTo(line);

        String masked = parse(line, DeadLetterRaw.MASK, "x:1").raw;
        assertThat(masked).contains("<email>", "<api_key>", "<card>", "<phone>");
        for (String secret : SECRETS) {
            assertThat(masked).doesNotContain(secret);
        }
        if (line.contains("trace_id")) {
            assertThat(masked).contains("4bf92f3577b34da6a3ce929d0e0e4736"); // ids stay, to find the record by
        }

        assertThat(parse(line, DeadLetterRaw.DROP, "x:1").raw).isNull();
    }

    /** Oversized and undecodable records are dead-lettered from their bytes: masked and bounded all the same. */
    @Test
    void oversizedAndInvalidUtf8RecordsAreMaskedToo() {
        ParserLimits limits = new ParserLimits(300, 200, 64, DeadLetterRaw.MASK);
        LogRecordParser parser = new LogRecordParser(limits);
        byte[] huge = ("{\"prompt\":\"" + PROMPT + " " + "x".repeat(400) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = ("{\"prompt\":\"caf? " + PROMPT + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        latin1[latin1.length - PROMPT.length() - 4] = (byte) 0xE9;

        DeadLetter tooLarge = parser.parse(new RawLine(huge, "x:1", false)).deadLetter();
        DeadLetter invalid = parser.parse(new RawLine(latin1, "x:2", false)).deadLetter();

        assertThat(tooLarge.reason).isEqualTo("record_too_large");
        assertThat(invalid.reason).isEqualTo("invalid_utf8");
        assertThat(tooLarge.raw).hasSizeLessThanOrEqualTo(200).contains("<email>");
        assertThat(invalid.raw).contains("<email>", "<card>");
        for (String secret : SECRETS) {
            assertThat(tooLarge.raw).doesNotContain(secret);
            assertThat(invalid.raw).doesNotContain(secret);
        }
    }

    /** A secret straddling the bound is masked before the cut, so no fragment of it survives. */
    @Test
    void maskingHappensBeforeTruncation() {
        String text = "x".repeat(95) + " sk-proj-Zq3mT8vXw2LkR9pYb4NcJh7FdS1aGe6U tail";

        assertThat(DeadLetterRaw.MASK.apply(text, 110)).isEqualTo("x".repeat(95) + " <api_key> tail");
        assertThat(DeadLetterRaw.KEEP.apply(text, 110)).isEqualTo(text.substring(0, 110));
        assertThat(DeadLetterRaw.DROP.apply(text, 110)).isNull();
    }

    @ParameterizedTest
    @EnumSource(DeadLetterRaw.class)
    void optionValuesAreLowerCase(DeadLetterRaw mode) {
        assertThat(mode.toString()).isEqualTo(mode.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static DeadLetter parse(String line, DeadLetterRaw mode, String source) {
        ParserLimits limits = new ParserLimits(1 << 20, 4096, 64, mode);
        ParseResult result = new LogRecordParser(limits).parse(new RawLine(line.getBytes(StandardCharsets.UTF_8), source, false));
        assertThat(result.isValid()).isFalse();
        return result.deadLetter();
    }
}
