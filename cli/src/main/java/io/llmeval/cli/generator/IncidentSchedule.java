package io.llmeval.cli.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Places the requested incidents on the traffic: each on its own (model, route) key so none overlaps
 * another on the same key, each starting on a boundary of the windows it moves, after a warm-up of
 * clean traffic, and ending before the traffic does. The key {@code mistral-7b-instruct/chat} stays
 * clean as a control.
 */
final class IncidentSchedule {

    private static final Duration MIN_WARMUP = Duration.ofMinutes(2);
    private static final Duration COOLDOWN = Duration.ofMinutes(1);
    /** Short incidents are staggered by this much so that they do not all start together. */
    private static final Duration STAGGER = Duration.ofMinutes(2);

    private IncidentSchedule() {}

    static List<Incident> plan(GeneratorConfig config, List<ServiceKey> keys) {
        long start = config.start().toEpochMilli();
        long end = start + config.spanMillis();
        long warmup = Math.max(MIN_WARMUP.toMillis(), config.spanMillis() / 10);
        List<Incident> incidents = new ArrayList<>();
        int shortIndex = 0;
        for (IncidentType type : config.incidents()) {
            ServiceKey key = keyFor(type, keys);
            long earliest = start + warmup;
            if (type.duration().compareTo(Duration.ofMinutes(5)) < 0) {
                earliest += shortIndex++ * STAGGER.toMillis();
            }
            long alignment = type.alignment().toMillis();
            long incidentStart = Math.floorDiv(earliest + alignment - 1, alignment) * alignment;
            long incidentEnd = incidentStart + type.duration().toMillis();
            if (incidentEnd + COOLDOWN.toMillis() > end) {
                long needed = (long) Math.ceil((incidentEnd + COOLDOWN.toMillis() - start) / 1000.0 * config.ratePerSecond());
                throw new IllegalArgumentException(String.format(
                        "too few records for incident %s: it needs traffic until %s; use --records %d or more at --rate %s",
                        type.id(), java.time.Instant.ofEpochMilli(incidentEnd + COOLDOWN.toMillis()), needed,
                        config.ratePerSecond()));
            }
            incidents.add(new Incident(type, key.model(), key.route(), incidentStart, incidentEnd));
        }
        return incidents;
    }

    private static ServiceKey keyFor(IncidentType type, List<ServiceKey> keys) {
        return switch (type) {
            case LATENCY_SPIKE -> keys.get(0);
            case ERROR_BURST -> keys.get(2);
            case HALLUCINATION_SPIKE -> keys.get(5);
            case TOPIC_DRIFT -> keys.get(1);
            case LENGTH_DRIFT -> keys.get(3);
        };
    }
}
