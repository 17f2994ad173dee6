package io.llmeval.cli.generator;

/**
 * One injected incident: what, on which (model, route) key, from {@code startMillis} (inclusive)
 * to {@code endMillis} (exclusive), in event time.
 */
public record Incident(IncidentType type, String model, String route, long startMillis, long endMillis)
        implements java.io.Serializable {

    public boolean covers(String model, String route, long timestampMillis) {
        return this.model.equals(model) && this.route.equals(route)
                && timestampMillis >= startMillis && timestampMillis < endMillis;
    }
}
