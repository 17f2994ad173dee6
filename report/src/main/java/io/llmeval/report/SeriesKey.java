package io.llmeval.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/** The (model, route) a window, drift verdict, alert or stage line belongs to. */
public record SeriesKey(String model, String route) implements Comparable<SeriesKey> {

    private static final Comparator<SeriesKey> ORDER =
            Comparator.comparing(SeriesKey::model).thenComparing(SeriesKey::route);

    /** The columns every keyed row of the output has; a line without one is not a row (Jackson reports it). */
    static void requireWindow(Instant windowStart, Instant windowEnd, String model, String route) {
        Objects.requireNonNull(windowStart, "window_start");
        Objects.requireNonNull(windowEnd, "window_end");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(route, "route");
    }

    /** {@code model/route}, as the CLI and the alert lines print a key. */
    public String label() {
        return model + "/" + route;
    }

    @Override
    public int compareTo(SeriesKey other) {
        return ORDER.compare(this, other);
    }
}
