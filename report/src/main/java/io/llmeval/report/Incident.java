package io.llmeval.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One alert incident: a {@code firing} event and the {@code resolved} event that closes it (same alert, key and
 * {@code window_start}: both carry the start of the incident's first window). An incident still open when the
 * input ended has no resolved event: it spans to the firing window's end and {@link #open()} is true. A resolved
 * event whose firing is missing (a truncated output) still makes an incident, without firing value or exemplars.
 *
 * @param start           start of the incident's first breached window
 * @param end             end of its last breached window (resolved), or of the window that fired it (open)
 * @param firingValue     the rule's value in the window that fired it; {@code null} when the firing is missing
 * @param resolvedValue   the value in the window that resolved it; {@code null} while open
 * @param breachedWindows windows in the incident (the resolved event's count; the firing's while open)
 * @param exemplars       trace ids of the firing window's worst requests
 */
public record Incident(
        String alert, String model, String route, Instant start, Instant end, boolean open,
        Double firingValue, Double resolvedValue, Double threshold, Integer breachedWindows, List<String> exemplars) {

    private static final Comparator<Incident> ORDER = Comparator.comparing(Incident::start)
            .thenComparing(Incident::alert).thenComparing(Incident::model).thenComparing(Incident::route);

    public SeriesKey key() {
        return new SeriesKey(model, route);
    }

    /** Pairs the events of {@code OUTPUT/alerts/} into incidents, in time order. */
    public static List<Incident> pair(List<AlertRow> events) {
        record IncidentId(String alert, String model, String route, Instant start) {}
        Map<IncidentId, AlertRow> firing = new HashMap<>();
        Map<IncidentId, AlertRow> resolved = new HashMap<>();
        for (AlertRow event : events) {
            IncidentId id = new IncidentId(event.alert(), event.model(), event.route(), event.windowStart());
            (event.firing() ? firing : resolved).put(id, event);
        }
        List<Incident> incidents = new ArrayList<>();
        firing.forEach((id, fired) -> incidents.add(of(fired, resolved.get(id))));
        resolved.forEach((id, closed) -> {
            if (!firing.containsKey(id)) {
                incidents.add(of(null, closed));
            }
        });
        incidents.sort(ORDER);
        return incidents;
    }

    private static Incident of(AlertRow fired, AlertRow closed) {
        AlertRow any = fired != null ? fired : closed;
        return new Incident(any.alert(), any.model(), any.route(), any.windowStart(),
                closed != null ? closed.windowEnd() : fired.windowEnd(),
                closed == null,
                fired == null ? null : fired.value(),
                closed == null ? null : closed.value(),
                any.threshold(),
                closed != null ? closed.breachedWindows() : fired.breachedWindows(),
                fired == null ? List.of() : fired.exemplars());
    }
}
