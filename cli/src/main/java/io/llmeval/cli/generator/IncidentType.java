package io.llmeval.cli.generator;

import java.time.Duration;
import java.util.Locale;

/** The incidents the generator can inject, each with how long it lasts (long enough for two whole windows). */
public enum IncidentType {
    /** Latency ×4 and TTFT ×3 on one key: moves the 1-minute latency windows. */
    LATENCY_SPIKE(Duration.ofMinutes(4), Duration.ofMinutes(1)),
    /** Error rate from ~1% to ~35% on one key. */
    ERROR_BURST(Duration.ofMinutes(4), Duration.ofMinutes(1)),
    /** ~45% of answers contradict their reference on one RAG key. */
    HALLUCINATION_SPIKE(Duration.ofMinutes(4), Duration.ofMinutes(1)),
    /** Most prompts on one key come from a topic absent from the reference traffic; 5-minute drift windows. */
    TOPIC_DRIFT(Duration.ofMinutes(10), Duration.ofMinutes(5)),
    /** Prompts on one key carry about twice as many tokens; 5-minute drift windows. */
    LENGTH_DRIFT(Duration.ofMinutes(10), Duration.ofMinutes(5));

    private final Duration duration;
    private final Duration alignment;

    IncidentType(Duration duration, Duration alignment) {
        this.duration = duration;
        this.alignment = alignment;
    }

    public Duration duration() {
        return duration;
    }

    /** Start times are multiples of this, so the incident covers whole windows of the metric it moves. */
    public Duration alignment() {
        return alignment;
    }

    /** The name used on the command line and in {@code incidents.json}, e.g. {@code latency_spike}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncidentType fromId(String id) {
        for (IncidentType type : values()) {
            if (type.id().equals(id.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown incident '" + id + "'; valid: "
                + java.util.Arrays.stream(values()).map(IncidentType::id).toList());
    }
}
