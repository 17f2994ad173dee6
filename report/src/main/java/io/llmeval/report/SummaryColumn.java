package io.llmeval.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.function.Function;

/**
 * The summary-table columns that are marked (worst cell) and compared between two runs. {@code floor} is the
 * smallest change of a comparison that counts as a difference, besides 10% of the first run's value: a p95 that
 * moved 30 ms, or an error rate that moved 0.2 percentage points, is noise at window resolution.
 */
public enum SummaryColumn {
    REQUESTS("requests", s -> (double) s.requests(), Direction.NEUTRAL, 0),
    ERROR_RATE("error_rate", Summary::errorRate, Direction.HIGHER_IS_WORSE, 0.005),
    LATENCY_P95_MEDIAN_MS("latency_p95_median_ms", Summary::latencyP95MedianMs, Direction.HIGHER_IS_WORSE, 50),
    LATENCY_P95_MAX_MS("latency_p95_max_ms", Summary::latencyP95MaxMs, Direction.HIGHER_IS_WORSE, 50),
    HALLUCINATION_RATE("hallucination_rate", Summary::hallucinationRate, Direction.HIGHER_IS_WORSE, 0.005),
    DRIFT_WINDOWS_FLAGGED("drift_windows_flagged", s -> (double) s.driftWindowsFlagged(), Direction.HIGHER_IS_WORSE, 0.5),
    INCIDENTS("incidents", s -> (double) s.incidents(), Direction.HIGHER_IS_WORSE, 0.5),
    COST_USD_PER_REQUEST("cost_usd_per_request", Summary::costUsdPerRequest, Direction.HIGHER_IS_WORSE, 0);

    /** Whether a larger value is a worse one (marked as worst, red in a comparison) or just a change. */
    public enum Direction { HIGHER_IS_WORSE, NEUTRAL }

    /** Share of the first run's value below which a comparison calls two values the same. */
    public static final double RELATIVE_TOLERANCE = 0.10;

    private final String id;
    private final Function<Summary, Double> value;
    private final Direction direction;
    private final double floor;

    SummaryColumn(String id, Function<Summary, Double> value, Direction direction, double floor) {
        this.id = id;
        this.value = value;
        this.direction = direction;
        this.floor = floor;
    }

    /** The column's name in the page data: the {@link Summary} field it shows. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The column's value in a row; {@code null} where it is undefined (no requests, nothing scored, no cost). */
    public Double value(Summary summary) {
        return value.apply(summary);
    }

    public Direction direction() {
        return direction;
    }

    public double floor() {
        return floor;
    }
}
