package io.llmeval.jobs.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schema names exactly the fields the parser knows, and the same required ones. */
class LogSchemaDocTest {

    @Test
    void jsonSchemaMatchesTheParser() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Path.of("..", "docs", "log-schema.json").toFile());

        List<String> properties = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(n -> required.add(n.asText()));

        assertThat(properties).containsExactlyInAnyOrderElementsOf(LogRecordParser.KNOWN_FIELDS);
        assertThat(required).containsExactlyInAnyOrder("request_id", "timestamp", "model", "latency_ms");
        assertThat(schema.get("additionalProperties").asBoolean()).isTrue();
    }
}
