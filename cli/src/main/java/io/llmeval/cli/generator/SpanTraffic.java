package io.llmeval.cli.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmeval.jobs.schema.EventTimestamps;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One generated request as OpenTelemetry spans: a GenAI request span (semantic-convention attributes) and its child
 * stage spans laid end to end inside it. The time to first token is split into tokenize (chat) or embed + retrieve
 * (RAG), queue and prefill; the rest of the latency into decode and post_process. Stage lengths are drawn from a
 * random stream seeded by the request, so the same request gives the same spans. During a {@link SlowStage} the
 * stage takes 6-9 s more, and so does the request.
 */
final class SpanTraffic {

    private final ObjectMapper mapper;
    private final SlowStage slowStage;

    SpanTraffic(ObjectMapper mapper, SlowStage slowStage) {
        this.mapper = mapper;
        this.slowStage = slowStage;
    }

    /** A request and its stage spans; the request span last, as exporters write a parent after its children. */
    record Trace(List<ObjectNode> stages, ObjectNode request) {}

    Trace trace(JsonNode record) {
        String model = record.get("model").asText();
        String route = record.get("route").asText();
        long startMillis = timestamp(record.get("timestamp"));
        SplittableRandom random = new SplittableRandom(record.get("request_id").asText().hashCode());
        double latency = record.get("latency_ms").asDouble();
        double ttft = Math.min(record.get("ttft_ms").asDouble(), latency);
        boolean rag = route.equals("rag");

        List<String> names = new ArrayList<>();
        List<Double> lengths = new ArrayList<>();
        if (rag) {
            add(names, lengths, "embed", ttft * 0.10);
            add(names, lengths, "retrieve", ttft * 0.30);
        } else {
            add(names, lengths, "tokenize", ttft * 0.05);
        }
        double before = lengths.stream().mapToDouble(Double::doubleValue).sum();
        double queue = (ttft - before) * (0.2 + 0.2 * random.nextDouble());
        add(names, lengths, "queue", queue);
        add(names, lengths, "prefill", ttft - before - queue);
        double generation = latency - ttft;
        add(names, lengths, "decode", generation * 0.95);
        add(names, lengths, "post_process", generation * 0.05);
        if (slowStage != null && slowStage.covers(model, route, startMillis)) {
            int stage = names.indexOf(slowStage.stage());
            double extra = 6000 + 3000 * random.nextDouble();
            lengths.set(stage, lengths.get(stage) + extra);
            latency += extra;
        }

        String traceId = record.get("trace_id").asText();
        String requestSpanId = record.get("span_id").asText();
        long startNanos = startMillis * 1_000_000L;
        List<ObjectNode> stages = new ArrayList<>();
        long at = startNanos;
        for (int i = 0; i < names.size(); i++) {
            long length = Math.round(lengths.get(i) * 1_000_000);
            if (length > 0) {
                stages.add(span(traceId, hex(random, 16), requestSpanId, names.get(i), at, at + length));
            }
            at += length;
        }
        ObjectNode request = span(traceId, requestSpanId, null, "chat " + model, startNanos,
                startNanos + Math.round(latency * 1_000_000));
        request.put("kind", 3);
        request.set("attributes", requestAttributes(record, model, route, ttft, random));
        boolean error = "error".equals(record.path("status").asText());
        request.putObject("status").put("code", error ? 2 : 1);
        return new Trace(stages, request);
    }

    private ArrayNode requestAttributes(JsonNode record, String model, String route, double ttftMs, SplittableRandom random) {
        ArrayNode a = mapper.createArrayNode();
        string(a, "gen_ai.operation.name", "chat");
        string(a, "gen_ai.request.model", model);
        string(a, "gen_ai.provider.name", record.path("attributes").path("gen_ai.system").asText("openai"));
        string(a, "llm_eval.route", route);
        // int64 attributes as the spec writes them (decimal strings), now and then as plain numbers.
        integer(a, "gen_ai.usage.input_tokens", record.get("input_tokens").asLong(), random.nextInt(4) == 0);
        integer(a, "gen_ai.usage.output_tokens", record.get("output_tokens").asLong(), random.nextInt(4) == 0);
        a.addObject().put("key", "gen_ai.response.time_to_first_chunk").putObject("value").put("doubleValue", ttftMs / 1000);
        if (record.hasNonNull("prompt")) {
            string(a, "gen_ai.input.messages", messages("user", record.get("prompt").asText()));
        }
        if (record.hasNonNull("response")) {
            string(a, "gen_ai.output.messages", messages("assistant", record.get("response").asText()));
        }
        if (record.hasNonNull("reference")) {
            string(a, "llm_eval.reference", record.get("reference").asText());
        }
        if (record.hasNonNull("error_type")) {
            string(a, "error.type", record.get("error_type").asText());
        }
        string(a, "server.address", record.path("attributes").path("server.address").asText());
        return a;
    }

    private String messages(String role, String text) {
        ArrayNode messages = mapper.createArrayNode();
        messages.addObject().put("role", role).putArray("parts").addObject().put("type", "text").put("content", text);
        return messages.toString();
    }

    private ObjectNode span(String traceId, String spanId, String parentSpanId, String name, long startNanos, long endNanos) {
        ObjectNode span = mapper.createObjectNode();
        span.put("traceId", traceId).put("spanId", spanId);
        if (parentSpanId != null) {
            span.put("parentSpanId", parentSpanId);
        }
        span.put("name", name).put("kind", 1)
                .put("startTimeUnixNano", Long.toString(startNanos))
                .put("endTimeUnixNano", Long.toString(endNanos));
        return span;
    }

    private static void add(List<String> names, List<Double> lengths, String name, double millis) {
        names.add(name);
        lengths.add(Math.max(0, millis));
    }

    private static void string(ArrayNode attributes, String key, String value) {
        attributes.addObject().put("key", key).putObject("value").put("stringValue", value);
    }

    private static void integer(ArrayNode attributes, String key, long value, boolean asNumber) {
        ObjectNode v = attributes.addObject().put("key", key).putObject("value");
        if (asNumber) {
            v.put("intValue", value);
        } else {
            v.put("intValue", Long.toString(value));
        }
    }

    private static long timestamp(JsonNode node) {
        return node.isNumber() ? EventTimestamps.fromNumber(node.doubleValue()) : EventTimestamps.parse(node.asText());
    }

    private static String hex(SplittableRandom random, int digits) {
        StringBuilder out = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }
}
