package io.llmeval.cli.generator;

import java.time.Duration;

/**
 * The {@code slow_stage} incident of span traffic: one stage of one key slows down for a few windows (a degraded
 * vector store: {@code retrieve} of {@code llama-3.1-8b-instruct/rag} takes 6-9 s instead of ~0.1 s), so the key's
 * latency alert fires and the stage breakdown names the stage.
 *
 * @param model the key's model
 * @param route the key's route
 * @param stage the stage that slows down
 * @param startMillis start (inclusive), on a window boundary
 * @param endMillis end (exclusive)
 */
public record SlowStage(String model, String route, String stage, long startMillis, long endMillis) {

    public static final String ID = "slow_stage";
    static final Duration DURATION = Duration.ofMinutes(4);
    /** After the short incidents (latency spike, error burst, hallucination spike), staggered by 2 minutes. */
    private static final Duration AFTER_WARMUP = Duration.ofMinutes(6);
    private static final Duration COOLDOWN = Duration.ofMinutes(1);

    /** Placed like the other incidents: after a warm-up of clean traffic, aligned to the minute, ending before the traffic. */
    static SlowStage plan(GeneratorConfig config) {
        long start = config.start().toEpochMilli();
        long warmup = Math.max(Duration.ofMinutes(2).toMillis(), config.spanMillis() / 10);
        long minute = Duration.ofMinutes(1).toMillis();
        long incidentStart = Math.floorDiv(start + warmup + AFTER_WARMUP.toMillis() + minute - 1, minute) * minute;
        long incidentEnd = incidentStart + DURATION.toMillis();
        if (incidentEnd + COOLDOWN.toMillis() > start + config.spanMillis()) {
            long needed = (long) Math.ceil((incidentEnd + COOLDOWN.toMillis() - start) / 1000.0 * config.ratePerSecond());
            throw new IllegalArgumentException(String.format(
                    "too few records for incident %s: it needs traffic until %s; use --records %d or more at --rate %s",
                    ID, java.time.Instant.ofEpochMilli(incidentEnd + COOLDOWN.toMillis()), needed, config.ratePerSecond()));
        }
        return new SlowStage("llama-3.1-8b-instruct", "rag", "retrieve", incidentStart, incidentEnd);
    }

    boolean covers(String model, String route, long timestampMillis) {
        return this.model.equals(model) && this.route.equals(route)
                && timestampMillis >= startMillis && timestampMillis < endMillis;
    }
}
