package io.llmeval.cli.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.schema.LogRecord;
import io.llmeval.jobs.schema.LogRecordParser;
import io.llmeval.jobs.schema.ParseResult;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.jobs.schema.RawLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrafficGeneratorTest {

    private static List<byte[]> lines(GeneratorConfig config) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        new TrafficGenerator(config).generate(lines::add);
        return lines;
    }

    private static List<LogRecord> records(GeneratorConfig config) throws IOException {
        LogRecordParser parser = new LogRecordParser(ParserLimits.DEFAULTS);
        List<LogRecord> records = new ArrayList<>();
        int n = 0;
        for (byte[] line : lines(config)) {
            ParseResult result = parser.parse(new RawLine(line, "gen:" + ++n, false));
            assertThat(result.isValid()).as("line %d: %s", n, result.deadLetter()).isTrue();
            records.add(result.record());
        }
        return records;
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot(@TempDir Path a, @TempDir Path b, @TempDir Path c)
            throws IOException {
        GeneratorConfig config = GeneratorConfig.of(20_000, 9, EnumSet.allOf(IncidentType.class))
                .withRecordsPerFile(8_000);
        new TrafficGenerator(config).writeTo(a);
        new TrafficGenerator(config).writeTo(b);
        new TrafficGenerator(GeneratorConfig.of(20_000, 10, EnumSet.allOf(IncidentType.class))
                .withRecordsPerFile(8_000)).writeTo(c);

        for (String name : List.of("logs/part-00000.jsonl", "logs/part-00001.jsonl", "logs/part-00002.jsonl", "incidents.json")) {
            assertThat(Files.readAllBytes(a.resolve(name))).isEqualTo(Files.readAllBytes(b.resolve(name)));
        }
        assertThat(Files.readAllBytes(a.resolve("logs/part-00000.jsonl")))
                .isNotEqualTo(Files.readAllBytes(c.resolve("logs/part-00000.jsonl")));
        assertThat(Files.readAllLines(a.resolve("logs/part-00002.jsonl"))).hasSize(4_000);
    }

    @Test
    void defaultTrafficCoversThreeModelsTwoRoutesWellOverThirtyPerMinute() throws IOException {
        List<LogRecord> records = records(GeneratorConfig.of(50_000, 1, EnumSet.noneOf(IncidentType.class)));

        long first = records.stream().mapToLong(r -> r.timestampMillis).min().orElseThrow();
        long last = records.stream().mapToLong(r -> r.timestampMillis).max().orElseThrow();
        assertThat((last - first) / 60_000.0).as("minutes spanned").isBetween(39.0, 44.0);

        Map<String, Map<Long, Integer>> perKeyMinute = new HashMap<>();
        for (LogRecord r : records) {
            perKeyMinute.computeIfAbsent(r.model + "/" + r.route, k -> new HashMap<>())
                    .merge((r.timestampMillis - first) / 60_000, 1, Integer::sum);
        }
        assertThat(perKeyMinute).hasSize(6);
        assertThat(records.stream().map(r -> r.model).distinct()).hasSize(3);
        for (Map<Long, Integer> minutes : perKeyMinute.values()) {
            minutes.remove((last - first) / 60_000); // the last minute is partial
            assertThat(minutes.values()).allSatisfy(count -> assertThat(count).isGreaterThan(100));
        }
    }

    @Test
    void linesArriveOutOfOrderBySecondsWithMixedTimestampForms() throws IOException {
        GeneratorConfig config = GeneratorConfig.of(5_000, 3, EnumSet.noneOf(IncidentType.class));
        List<LogRecord> records = records(config);
        ObjectMapper json = new ObjectMapper();

        long maxSeen = Long.MIN_VALUE;
        long maxLag = 0;
        int outOfOrder = 0;
        for (LogRecord r : records) {
            if (r.timestampMillis < maxSeen) {
                outOfOrder++;
                maxLag = Math.max(maxLag, maxSeen - r.timestampMillis);
            }
            maxSeen = Math.max(maxSeen, r.timestampMillis);
        }
        assertThat(outOfOrder).isGreaterThan(records.size() / 10);
        assertThat(maxLag).isGreaterThan(1_000).isLessThanOrEqualTo(config.maxShipDelayMillis());

        Set<String> forms = new HashSet<>();
        for (byte[] line : lines(config)) {
            JsonNode ts = json.readTree(line).get("timestamp");
            forms.add(ts.isNumber() ? "number" : ts.asText().endsWith("Z") ? "utc" : ts.asText().contains("+") ? "offset" : "digits");
        }
        assertThat(forms).containsExactlyInAnyOrder("number", "utc", "offset", "digits");
    }

    @Test
    void uniqueTextsGiveEveryPromptItsOwnTextOfRealisticLength() throws IOException {
        List<LogRecord> templated = records(GeneratorConfig.of(5_000, 4, EnumSet.noneOf(IncidentType.class)));
        List<LogRecord> unique = records(GeneratorConfig.of(5_000, 4, EnumSet.noneOf(IncidentType.class))
                .withTexts(TextMode.UNIQUE));

        assertThat(templated.stream().map(r -> r.prompt).distinct().count()).as("templated").isLessThan(1_000);
        assertThat(unique.stream().map(r -> r.prompt).distinct().count()).as("unique").isEqualTo(5_000);
        double meanWords = unique.stream().mapToInt(r -> r.prompt.split("\\s+").length).average().orElse(0);
        assertThat(meanWords).isBetween(40.0, 100.0);
        assertThat(unique.stream().map(r -> r.model + "/" + r.route).distinct().count()).isEqualTo(6);
    }

    @Test
    void incidentsAreAlignedLongEnoughAndNeverOverlapOnAKey() {
        GeneratorConfig config = GeneratorConfig.of(50_000, 1, EnumSet.allOf(IncidentType.class));
        List<Incident> incidents = new TrafficGenerator(config).incidents();

        assertThat(incidents).extracting(Incident::type).containsExactlyInAnyOrder(IncidentType.values());
        long end = config.start().toEpochMilli() + config.spanMillis();
        for (Incident incident : incidents) {
            long alignment = incident.type().alignment().toMillis();
            assertThat(incident.startMillis() % alignment).isZero();
            assertThat(incident.endMillis() - incident.startMillis()).isGreaterThanOrEqualTo(2 * alignment);
            assertThat(incident.endMillis()).isLessThan(end);
            for (Incident other : incidents) {
                if (other != incident && other.model().equals(incident.model()) && other.route().equals(incident.route())) {
                    assertThat(other.endMillis() <= incident.startMillis() || other.startMillis() >= incident.endMillis()).isTrue();
                }
            }
        }
        assertThat(incidents.stream().filter(i -> i.type() == IncidentType.TOPIC_DRIFT).findFirst().orElseThrow())
                .satisfies(i -> assertThat(i.endMillis() - i.startMillis()).isGreaterThanOrEqualTo(10 * 60_000));
    }

    @Test
    void incidentsChangeTheTrafficOnlyWhereScheduled() throws IOException {
        GeneratorConfig config = GeneratorConfig.of(20_000, 5, EnumSet.of(IncidentType.ERROR_BURST, IncidentType.LATENCY_SPIKE));
        List<Incident> incidents = new TrafficGenerator(config).incidents();
        Incident burst = incidents.stream().filter(i -> i.type() == IncidentType.ERROR_BURST).findFirst().orElseThrow();
        int inside = 0;
        int insideErrors = 0;
        int outside = 0;
        int outsideErrors = 0;
        for (LogRecord r : records(config)) {
            if (burst.covers(r.model, r.route, r.timestampMillis)) {
                inside++;
                insideErrors += r.error ? 1 : 0;
            } else {
                outside++;
                outsideErrors += r.error ? 1 : 0;
            }
        }
        assertThat((double) insideErrors / inside).isBetween(0.25, 0.45);
        assertThat((double) outsideErrors / outside).isLessThan(0.03);
    }

    @Test
    void refusesSchedulesThatDoNotFitAndNamesTheRecordsNeeded() {
        GeneratorConfig tooShort = GeneratorConfig.of(2_000, 1, EnumSet.of(IncidentType.TOPIC_DRIFT));
        assertThatThrownBy(() -> new TrafficGenerator(tooShort))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic_drift").hasMessageContaining("--records");
    }

    @Test
    void malformedRateInjectsDefectsThatTheParserRejects() throws IOException {
        GeneratorConfig config = GeneratorConfig.of(4_000, 2, EnumSet.noneOf(IncidentType.class)).withMalformedRate(0.05);
        LogRecordParser parser = new LogRecordParser(ParserLimits.DEFAULTS);
        Set<String> reasons = new HashSet<>();
        int bad = 0;
        for (byte[] line : lines(config)) {
            ParseResult result = parser.parse(new RawLine(line, "x", false));
            if (!result.isValid()) {
                bad++;
                reasons.add(result.deadLetter().reasonCategory());
            }
        }
        assertThat(bad).isBetween(120, 290);
        assertThat(reasons).contains("malformed_json", "missing_field", "invalid_field", "invalid_utf8", "not_an_object");
    }
}
