package io.llmeval.jobs.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: the alert events each injected incident must raise, and event JSON reduced to comparable keys. */
public final class AlertFiles {

    /** The window-metric alert of each incident type; drift incidents have none here. */
    public static final Map<IncidentType, String> ALERT_OF = Map.of(
            IncidentType.LATENCY_SPIKE, WindowAlertRules.LATENCY_P95_HIGH,
            IncidentType.ERROR_BURST, WindowAlertRules.ERROR_RATE_HIGH,
            IncidentType.HALLUCINATION_SPIKE, WindowAlertRules.HALLUCINATION_SPIKE);

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertFiles() {}

    /**
     * {@code alert|state|model|route|window_start|window_end|breached_windows} of the two events each incident
     * with a window-metric alert must raise: firing when its second 1-minute window closes, resolved with the
     * whole incident.
     */
    public static List<String> expectedKeys(List<Incident> incidents) {
        List<String> keys = new ArrayList<>();
        for (Incident incident : incidents) {
            String alert = ALERT_OF.get(incident.type());
            if (alert == null) {
                continue;
            }
            Instant start = Instant.ofEpochMilli(incident.startMillis());
            Instant end = Instant.ofEpochMilli(incident.endMillis());
            long windows = Duration.between(start, end).toMinutes();
            String key = alert + "|%s|" + incident.model() + "|" + incident.route() + "|" + start + "|%s|%d";
            keys.add(String.format(key, "firing", start.plus(Duration.ofMinutes(2)), 2));
            keys.add(String.format(key, "resolved", end, windows));
        }
        return keys;
    }

    /** The incidents of a generator's {@code incidents.json}. */
    public static List<Incident> readIncidents(Path incidentsJson) throws IOException {
        List<Incident> incidents = new ArrayList<>();
        for (JsonNode node : JSON.readTree(Files.readString(incidentsJson))) {
            incidents.add(new Incident(IncidentType.fromId(node.get("type").asText()), node.get("model").asText(),
                    node.get("route").asText(), Instant.parse(node.get("start").asText()).toEpochMilli(),
                    Instant.parse(node.get("end").asText()).toEpochMilli()));
        }
        return incidents;
    }

    /** {@code alert|state|model|route|window_start|window_end|breached_windows} of each event JSON line. */
    public static List<String> keys(List<String> eventLines) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : eventLines) {
            keys.add(key(JSON.readTree(line)));
        }
        return keys;
    }

    /** {@code alert|state|model|route|window_start|window_end|breached_windows} of one event. */
    public static String key(JsonNode e) {
        return String.join("|", e.get("alert").asText(), e.get("state").asText(), e.get("model").asText(),
                e.get("route").asText(), e.get("window_start").asText(), e.get("window_end").asText(),
                e.get("breached_windows").asText());
    }
}
