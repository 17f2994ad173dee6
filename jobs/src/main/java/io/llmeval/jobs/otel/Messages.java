package io.llmeval.jobs.otel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Text of the GenAI message attributes ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}): a JSON array
 * of {@code {"role", "parts": [{"type": "text", "content"}]}} (or older {@code {"role", "content"}}), given as a
 * string attribute holding that JSON, or as an OTLP array value. Plain text is taken as it is.
 */
final class Messages {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Messages() {}

    /** The text of the last {@code user} message (the prompt); {@code null} when there is none. */
    static String lastUserText(JsonNode attribute) {
        JsonNode messages = messages(attribute);
        if (messages == null) {
            return attribute != null && attribute.isTextual() ? attribute.textValue() : null;
        }
        String text = null;
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())) {
                text = partsText(message);
            }
        }
        return text;
    }

    /** The text of every message (the response), joined by newlines; {@code null} when there is none. */
    static String text(JsonNode attribute) {
        JsonNode messages = messages(attribute);
        if (messages == null) {
            return attribute != null && attribute.isTextual() ? attribute.textValue() : null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode message : messages) {
            String part = partsText(message);
            if (part != null) {
                text.append(text.isEmpty() ? "" : "\n").append(part);
            }
        }
        return text.isEmpty() ? null : text.toString();
    }

    private static JsonNode messages(JsonNode attribute) {
        if (attribute == null || attribute.isNull()) {
            return null;
        }
        if (attribute.isArray()) {
            return attribute;
        }
        String text = attribute.asText().strip();
        if (!text.startsWith("[")) {
            return null;
        }
        try {
            JsonNode parsed = MAPPER.readTree(text);
            return parsed.isArray() ? parsed : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String partsText(JsonNode message) {
        if (message.path("content").isTextual()) {
            return message.get("content").textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : message.path("parts")) {
            if ("text".equals(part.path("type").asText("text")) && part.path("content").isTextual()) {
                text.append(text.isEmpty() ? "" : "\n").append(part.get("content").textValue());
            }
        }
        return text.isEmpty() ? null : text.toString();
    }
}
