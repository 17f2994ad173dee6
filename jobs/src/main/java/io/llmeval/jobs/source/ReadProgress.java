package io.llmeval.jobs.source;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the file readers (and the parser) of this JVM have seen so far: input bytes (as stored, i.e. compressed for
 * {@code .gz}), records, damaged files and dead letters. {@code llm-eval backfill} runs its jobs in-process and polls these for its progress line; on a
 * cluster each TaskManager counts its own, and the client shows the Flink UI's figures instead.
 */
public final class ReadProgress {

    private static final LongAdder BYTES = new LongAdder();
    private static final LongAdder RECORDS = new LongAdder();
    private static final LongAdder DAMAGED_FILES = new LongAdder();
    private static final LongAdder DEAD_LETTERS = new LongAdder();

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

    /** Called by the parser for every dead letter it writes (damaged files included). */
    public static void addDeadLetter() {
        DEAD_LETTERS.increment();
    }

    /** A consistent-enough view for a progress line. */
    public record Snapshot(long bytes, long records, long damagedFiles, long deadLetters) {}

    public static Snapshot snapshot() {
        return new Snapshot(BYTES.sum(), RECORDS.sum(), DAMAGED_FILES.sum(), DEAD_LETTERS.sum());
    }
}
