package io.llmeval.jobs.source;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the file readers of this JVM have read so far: input bytes (as stored, i.e. compressed for {@code .gz}), records
 * and damaged files. {@code llm-eval backfill} runs its jobs in-process and polls these for its progress line; on a
 * cluster each TaskManager counts its own, and the client shows the Flink UI's figures instead.
 */
public final class ReadProgress {

    private static final LongAdder BYTES = new LongAdder();
    private static final LongAdder RECORDS = new LongAdder();
    private static final LongAdder DAMAGED_FILES = new LongAdder();

    private ReadProgress() {}

    static void addBytes(long bytes) {
        BYTES.add(bytes);
    }

    static void addRecords(long records) {
        RECORDS.add(records);
    }

    static void addDamagedFile() {
        DAMAGED_FILES.increment();
    }

    /** A consistent-enough view for a progress line. */
    public record Snapshot(long bytes, long records, long damagedFiles) {}

    public static Snapshot snapshot() {
        return new Snapshot(BYTES.sum(), RECORDS.sum(), DAMAGED_FILES.sum());
    }
}
