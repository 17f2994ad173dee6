package io.llmeval.jobs.otel;

import io.llmeval.jobs.pipeline.PipelineConfig;
import io.llmeval.jobs.schema.LogRecord;
import io.llmeval.jobs.schema.ParseResult;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.jobs.schema.RawLine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP/JSON reader on a hand-written, spec-following fixture (src/test/resources/otlp/spec-fixture.jsonl): four
 * traces interleaved over four documents, children before their request span, a request span whose trace comes in
 * upper-case ids in one document and lower-case in another, int64 as strings and as numbers, enums as integers,
 * unknown fields, a missing parent, bad spans and bad documents.
 */
public class OtlpJsonParserTest {

    static final Path FIXTURE = Path.of("src", "test", "resources", "otlp", "spec-fixture.jsonl");
    public static final long T0 = 1767225600000L;

    public static List<RawLine> fixtureLines() throws Exception {
        List<RawLine> lines = new ArrayList<>();
        List<String> text = Files.readAllLines(FIXTURE);
        for (int i = 0; i < text.size(); i++) {
            lines.add(new RawLine(text.get(i).getBytes(StandardCharsets.UTF_8), "fixture:" + (i + 1), false));
        }
        return lines;
    }

    static List<ParseResult> parseFixture() throws Exception {
        OtlpJsonParser parser = new OtlpJsonParser(ParserLimits.DEFAULTS, PipelineConfig.defaults().input().otel());
        List<ParseResult> results = new ArrayList<>();
        for (RawLine line : fixtureLines()) {
            parser.parse(line, results::add);
        }
        return results;
    }

    private static Map<String, LogRecord> bySpanId(List<ParseResult> results) {
        Map<String, LogRecord> spans = new TreeMap<>();
        results.stream().filter(ParseResult::isValid).forEach(r -> spans.put(r.record().span.spanId, r.record()));
        return spans;
    }

    @Test
    void oneResultPerSpanAndPerUnreadableDocument() throws Exception {
        List<ParseResult> results = parseFixture();

        // 4 + 4 + 4 + 3 spans, the truncated and the snake_case document; the empty export request is no record.
        assertThat(results).hasSize(17);
        Map<String, Long> reasons = results.stream().filter(r -> !r.isValid())
                .collect(Collectors.groupingBy(r -> r.deadLetter().reason, TreeMap::new, Collectors.counting()));
        assertThat(reasons).containsExactly(
                Map.entry("invalid_field:endTimeUnixNano", 1L),
                Map.entry("invalid_field:input_tokens", 1L),
                Map.entry("invalid_field:traceId", 1L),
                Map.entry("malformed_json", 1L),
                Map.entry("missing_field:resourceSpans", 1L));
        assertThat(results.stream().filter(r -> !r.isValid()).map(r -> r.deadLetter().source))
                .containsExactlyInAnyOrder("fixture:2#3", "fixture:4#1", "fixture:4#2", "fixture:5", "fixture:6");
    }

    @Test
    void genAiSpanBecomesARequestRecord() throws Exception {
        LogRecord chat = bySpanId(parseFixture()).get("00f067aa0ba902b7");

        assertThat(chat.isRequest()).isTrue();
        assertThat(chat.requestId).isEqualTo("00f067aa0ba902b7");
        assertThat(chat.traceId).as("hex ids in lower case").isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(chat.timestampMillis).isEqualTo(T0 + 1000);
        assertThat(chat.latencyMs).isEqualTo(2000.0);
        assertThat(chat.model).isEqualTo("gpt-4o-mini");
        assertThat(chat.route).as("the root span's name").isEqualTo("POST /chat");
        assertThat(chat.inputTokens).as("intValue as a string").isEqualTo(1200L);
        assertThat(chat.outputTokens).as("intValue as a number").isEqualTo(300L);
        assertThat(chat.cacheReadInputTokens).isEqualTo(1000L);
        assertThat(chat.ttftMs).as("time_to_first_chunk in seconds").isEqualTo(250.0);
        assertThat(chat.error).isFalse();
        assertThat(chat.prompt).as("the last user message").isEqualTo("Where is the Eiffel Tower?");
        assertThat(chat.response).as("from an arrayValue of kvlistValues").isEqualTo("The Eiffel Tower is in Paris.");
        assertThat(chat.reference).isEqualTo("The Eiffel Tower is in Paris.");
        assertThat(chat.attributes).containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
        assertThat(chat.source).isEqualTo("fixture:1#0");
        assertThat(chat.span.request).isTrue();
        assertThat(chat.span.parentSpanId).isEqualTo("b7ad6b7169203331");
        assertThat(chat.span.route).isEqualTo("POST /chat");
    }

    @Test
    void deprecatedAttributesStatusAndTheRouteAttribute() throws Exception {
        LogRecord rag = bySpanId(parseFixture()).get("b100000000000001");

        assertThat(rag.route).as("llm_eval.route").isEqualTo("rag");
        assertThat(rag.inputTokens).as("gen_ai.usage.prompt_tokens").isEqualTo(800L);
        assertThat(rag.outputTokens).as("gen_ai.usage.completion_tokens").isEqualTo(0L);
        assertThat(rag.error).as("status code 2").isTrue();
        assertThat(rag.errorType).isEqualTo("timeout");
        assertThat(rag.attributes).containsEntry("gen_ai.system", "vllm");
        assertThat(rag.latencyMs).isEqualTo(30_000.0);
    }

    @Test
    void otherSpansGoOnAsSpansWithTheirStage() throws Exception {
        Map<String, LogRecord> spans = bySpanId(parseFixture());

        LogRecord retrieve = spans.get("b100000000000002");
        assertThat(retrieve.isRequest()).isFalse();
        assertThat(retrieve.timestampMillis).as("int64 as a JSON number").isEqualTo(T0 + 5010);
        assertThat(retrieve.span.stage).as("'Retrieve', matched in lower case").isEqualTo("retrieve");
        assertThat(retrieve.span.durationNanos()).isEqualTo(390_000_000L);
        assertThat(spans.get("a000000000000005").span.stage).as("alias").isEqualTo("post_process");
        assertThat(spans.get("b100000000000004").span.stage).as("vector_search maps to no stage").isNull();
        assertThat(spans.get("a000000000000001").span.traceId).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(spans.get("a000000000000001").span.parentSpanId).isEqualTo("00f067aa0ba902b7");
        assertThat(spans.values().stream().filter(r -> !r.isRequest())).hasSize(10);
    }
}
