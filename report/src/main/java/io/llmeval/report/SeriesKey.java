package io.llmeval.report;

import java.util.Comparator;

/** The (model, route) a window, drift verdict, alert or stage line belongs to. */
public record SeriesKey(String model, String route) implements Comparable<SeriesKey> {

    private static final Comparator<SeriesKey> ORDER =
            Comparator.comparing(SeriesKey::model).thenComparing(SeriesKey::route);

    /** {@code model/route}, as the CLI and the alert lines print a key. */
    public String label() {
        return model + "/" + route;
    }

    @Override
    public int compareTo(SeriesKey other) {
        return ORDER.compare(this, other);
    }
}
