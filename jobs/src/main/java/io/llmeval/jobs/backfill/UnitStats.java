package io.llmeval.jobs.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a committed unit reports in its {@code unit.json}: its input bytes, the records outside the time range (its
 * job's accumulator) and how long its job took.
 */
public record UnitStats(long inputBytes, long recordsOutsideTimeRange, long wallMillis) {

    ObjectNode toJson(ObjectMapper json) {
        return json.createObjectNode()
                .put("input_bytes", inputBytes)
                .put("records_outside_time_range", recordsOutsideTimeRange)
                .put("wall_ms", wallMillis);
    }

    static UnitStats fromJson(JsonNode node) {
        return new UnitStats(node.path("input_bytes").asLong(), node.path("records_outside_time_range").asLong(),
                node.path("wall_ms").asLong());
    }
}
