package io.llmeval.jobs.kafka;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a new Kafka source starts reading. Only used without state: a job restored from a checkpoint or
 * savepoint resumes at the offsets in its state.
 */
public enum StartingOffsets {
    /** The earliest retained record of every partition (the default: a new job sees all retained traffic). */
    EARLIEST,
    /** Only records produced after the job starts. */
    LATEST,
    /** The consumer group's committed offsets (committed on every checkpoint); earliest where there is none. */
    COMMITTED;

    @SuppressWarnings("deprecation") // OffsetResetStrategy is what OffsetsInitializer takes in connector 5.0
    public OffsetsInitializer initializer() {
        return switch (this) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    /** The lower-case name, as the command line takes it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code earliest}, {@code latest} or {@code committed} (any case). */
    public static StartingOffsets parse(String value) {
        for (StartingOffsets offsets : values()) {
            if (offsets.name().equalsIgnoreCase(value.strip())) {
                return offsets;
            }
        }
        throw new IllegalArgumentException("unknown starting offsets '" + value + "'; use one of "
                + Arrays.stream(values()).map(StartingOffsets::id).collect(Collectors.joining(", ")));
    }
}
