package io.llmeval.jobs.cli;

import io.llmeval.jobs.generator.GeneratorConfig;
import io.llmeval.jobs.generator.IncidentType;
import io.llmeval.jobs.generator.TrafficGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

/** {@code llm-eval generate}: synthetic LLM request logs with scheduled incidents. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write synthetic, realistic LLM request logs with named incidents.",
            "Writes OUTPUT/logs/part-NNNNN.jsonl[.gz] and OUTPUT/incidents.json."})
public class GenerateCommand extends BaseCommand {

    @Option(names = "--records", required = true, paramLabel = "N", description = "Number of records.")
    long records;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed; same seed, same bytes (default: 42).")
    long seed = 42;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    Path output;

    @Option(names = "--gzip", description = "Write .jsonl.gz files.")
    boolean gzip;

    @Option(names = "--incidents", paramLabel = "all|none|LIST",
            description = "Incidents to inject: all, none, or a comma list of "
                    + "latency_spike,error_burst,hallucination_spike,topic_drift,length_drift (default: none).")
    String incidents = "none";

    @Option(names = "--rate", paramLabel = "RPS", description = "Requests per second of event time (default: 20).")
    double rate = GeneratorConfig.DEFAULT_RATE;

    @Option(names = "--start", paramLabel = "ISO-8601", description = "Event time of the first record (default: 2026-01-01T00:00:00Z).")
    String start = GeneratorConfig.DEFAULT_START.toString();

    @Option(names = "--records-per-file", paramLabel = "N", description = "Lines per file (default: 10000).")
    int recordsPerFile = GeneratorConfig.DEFAULT_RECORDS_PER_FILE;

    @Option(names = "--malformed-rate", paramLabel = "F", description = "Share of defective lines, for dead-letter tests (default: 0).")
    double malformedRate;

    @Option(names = "--max-ship-delay-ms", paramLabel = "MS", description = "Most a line is delivered after its event time (default: 5000).")
    long maxShipDelayMillis = GeneratorConfig.DEFAULT_MAX_SHIP_DELAY_MILLIS;

    @Override
    protected int execute() throws Exception {
        TrafficGenerator generator;
        try {
            generator = new TrafficGenerator(new GeneratorConfig(records, seed, rate, parseStart(),
                    parseIncidents(incidents), gzip, recordsPerFile, malformedRate, maxShipDelayMillis));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TrafficGenerator.GeneratorResult result = generator.writeTo(output);
        err().printf("llm-eval generate: wrote %d records in %d files to %s, %d incidents to %s%n",
                result.records(), result.files().size(), output.resolve("logs"), result.incidents().size(),
                result.incidentsFile());
        return ExitCodes.OK;
    }

    private Instant parseStart() {
        try {
            return Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--start: '" + start + "' is not an ISO-8601 instant");
        }
    }

    static Set<IncidentType> parseIncidents(String value) {
        if (value.equals("all")) {
            return EnumSet.allOf(IncidentType.class);
        }
        if (value.equals("none") || value.isBlank()) {
            return EnumSet.noneOf(IncidentType.class);
        }
        Set<IncidentType> types = EnumSet.noneOf(IncidentType.class);
        for (String id : value.split(",")) {
            types.add(IncidentType.fromId(id));
        }
        return types;
    }
}
