package io.llmeval.bench.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.udfs.time.EventTimes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The prompts of the generator's topic-drift incident, split into the clean population and the drift
 * topic, as the generator writes them.
 *
 * <pre>{@code
 * TopicDriftPrompts prompts = TopicDriftPrompts.generate(120_000, 42);
 * prompts.clean();        // the incident key's prompts outside the incident, in arrival order
 * prompts.driftTopic();   // its medicine questions inside the incident
 * }</pre>
 *
 * <p>Traffic with only {@link IncidentType#TOPIC_DRIFT} is generated in memory through
 * {@link TrafficGenerator#generate} (the bytes {@code llm-eval generate} writes to {@code logs/}) and read
 * back as JSON lines. Only the key that gets the incident ({@code gpt-4o-mini/rag}, a RAG route, so every
 * prompt is a knowledge-base question) is kept. A prompt is <em>clean</em> when its event time is outside
 * the incident, <em>drift topic</em> when it is inside and is one of the four medicine question templates
 * of the generator's corpus (the incident draws about 70% of the key's questions from medicines, the rest
 * from the usual devices and towns). In-incident questions of the usual topics are counted but used in
 * neither population; a medicine question outside the incident would be a bug and is counted too.
 */
final class TopicDriftPrompts {

    /**
     * The generator's medicine questions ({@code TextCorpus.medicineQuestion}); medicine names are one
     * word ending in "ex". No device or town question has these forms.
     */
    static final Pattern MEDICINE_QUESTION = Pattern.compile("(What is the maximum daily dose of \\w+ for an adult patient"
            + "|How often should I take \\w+ during the day|How quickly does \\w+ start to work after a dose"
            + "|Since when has \\w+ been available on prescription)\\?");

    /** One log line of the incident key. */
    record Prompt(String requestId, long eventMillis, String text, boolean medicine) {}

    private final Incident incident;
    private final long records;
    private final long trafficEndMillis;
    private final List<Prompt> keyPrompts;
    private final List<Prompt> clean = new ArrayList<>();
    private final List<Prompt> driftTopic = new ArrayList<>();
    private int incidentUsualTopic;
    private int medicineOutsideIncident;

    private TopicDriftPrompts(Incident incident, long records, long trafficEndMillis, List<Prompt> keyPrompts) {
        this.incident = incident;
        this.records = records;
        this.trafficEndMillis = trafficEndMillis;
        this.keyPrompts = keyPrompts;
        for (Prompt prompt : keyPrompts) {
            boolean inside = prompt.eventMillis() >= incident.startMillis() && prompt.eventMillis() < incident.endMillis();
            if (!inside) {
                clean.add(prompt);
                if (prompt.medicine()) {
                    medicineOutsideIncident++;
                }
            } else if (prompt.medicine()) {
                driftTopic.add(prompt);
            } else {
                incidentUsualTopic++;
            }
        }
    }

    /** Generates {@code records} lines (all keys) with the topic-drift incident and keeps the incident key's prompts. */
    static TopicDriftPrompts generate(long records, long seed) {
        GeneratorConfig config = GeneratorConfig.of(records, seed, EnumSet.of(IncidentType.TOPIC_DRIFT));
        TrafficGenerator generator = new TrafficGenerator(config);
        Incident incident = generator.incidents().get(0);
        ObjectMapper mapper = new ObjectMapper();
        List<Prompt> keyPrompts = new ArrayList<>();
        try {
            generator.generate(line -> {
                JsonNode json = mapper.readTree(line);
                if (!incident.model().equals(json.path("model").asText())
                        || !incident.route().equals(json.path("route").asText())) {
                    return;
                }
                long millis = EventTimes.parseJsonText(json.path("timestamp").asText());
                if (millis < 0) {
                    throw new IllegalStateException("unparsable timestamp in " + json);
                }
                String text = json.path("prompt").asText();
                keyPrompts.add(new Prompt(json.path("request_id").asText(), millis, text,
                        MEDICINE_QUESTION.matcher(text).matches()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TopicDriftPrompts(incident, records, config.start().toEpochMilli() + config.spanMillis(), keyPrompts);
    }

    Incident incident() {
        return incident;
    }

    /** Lines generated over all keys. */
    long records() {
        return records;
    }

    /** End of the generated traffic's event time (the generator's span). */
    long trafficEndMillis() {
        return trafficEndMillis;
    }

    /** Every prompt of the incident key, in arrival order. */
    List<Prompt> keyPrompts() {
        return keyPrompts;
    }

    /** The key's prompts outside the incident, in arrival order. */
    List<Prompt> clean() {
        return clean;
    }

    /** The key's medicine questions inside the incident, in arrival order. */
    List<Prompt> driftTopic() {
        return driftTopic;
    }

    /** The key's devices-and-towns questions inside the incident (in neither population). */
    int incidentUsualTopic() {
        return incidentUsualTopic;
    }

    /** Medicine questions outside the incident: 0 unless the generator changed. */
    int medicineOutsideIncident() {
        return medicineOutsideIncident;
    }

    static long distinct(List<Prompt> prompts) {
        return prompts.stream().map(Prompt::text).distinct().count();
    }
}
