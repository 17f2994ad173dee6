package io.llmeval.cli.generator;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Settings of one generator run.
 *
 * @param records number of log lines to write
 * @param seed seed of every random choice: the same settings give byte-identical output
 * @param ratePerSecond mean requests per second of event time, over all keys (default 20)
 * @param start event time of the first request (default 2026-01-01T00:00:00Z)
 * @param incidents which incidents to inject
 * @param gzip write {@code .jsonl.gz} instead of {@code .jsonl}
 * @param recordsPerFile lines per log file before rotating to the next (default 10,000)
 * @param malformedRate share of lines replaced by a defective record (default 0)
 * @param maxShipDelayMillis records are written in arrival order, up to this much after their event time
 * @param texts templated prompts (a few hundred distinct) or unique ones (every prompt distinct)
 */
public record GeneratorConfig(
        long records,
        long seed,
        double ratePerSecond,
        Instant start,
        Set<IncidentType> incidents,
        boolean gzip,
        int recordsPerFile,
        double malformedRate,
        long maxShipDelayMillis,
        TextMode texts) {

    public static final double DEFAULT_RATE = 20.0;
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    public static final int DEFAULT_RECORDS_PER_FILE = 10_000;
    public static final long DEFAULT_MAX_SHIP_DELAY_MILLIS = 5_000;

    public GeneratorConfig {
        if (records < 1) {
            throw new IllegalArgumentException("--records must be at least 1");
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (recordsPerFile < 1) {
            throw new IllegalArgumentException("--records-per-file must be at least 1");
        }
        if (malformedRate < 0 || malformedRate > 1) {
            throw new IllegalArgumentException("--malformed-rate must be in [0, 1]");
        }
        incidents = incidents.isEmpty() ? EnumSet.noneOf(IncidentType.class) : EnumSet.copyOf(incidents);
        texts = texts == null ? TextMode.TEMPLATED : texts;
    }

    /** The settings with templated texts (the components before {@code texts}). */
    public GeneratorConfig(long records, long seed, double ratePerSecond, Instant start, Set<IncidentType> incidents,
                           boolean gzip, int recordsPerFile, double malformedRate, long maxShipDelayMillis) {
        this(records, seed, ratePerSecond, start, incidents, gzip, recordsPerFile, malformedRate, maxShipDelayMillis,
                TextMode.TEMPLATED);
    }

    public static GeneratorConfig of(long records, long seed, Set<IncidentType> incidents) {
        return new GeneratorConfig(records, seed, DEFAULT_RATE, DEFAULT_START, incidents, false,
                DEFAULT_RECORDS_PER_FILE, 0.0, DEFAULT_MAX_SHIP_DELAY_MILLIS);
    }

    public GeneratorConfig withRecordsPerFile(int n) {
        return new GeneratorConfig(records, seed, ratePerSecond, start, incidents, gzip, n, malformedRate,
                maxShipDelayMillis, texts);
    }

    public GeneratorConfig withMalformedRate(double rate) {
        return new GeneratorConfig(records, seed, ratePerSecond, start, incidents, gzip, recordsPerFile, rate,
                maxShipDelayMillis, texts);
    }

    public GeneratorConfig withGzip(boolean compress) {
        return new GeneratorConfig(records, seed, ratePerSecond, start, incidents, compress, recordsPerFile,
                malformedRate, maxShipDelayMillis, texts);
    }

    public GeneratorConfig withTexts(TextMode mode) {
        return new GeneratorConfig(records, seed, ratePerSecond, start, incidents, gzip, recordsPerFile, malformedRate,
                maxShipDelayMillis, mode);
    }

    /** Event-time span the records cover, in milliseconds. */
    public long spanMillis() {
        return (long) Math.ceil(records / ratePerSecond * 1000);
    }
}
