package io.llmeval.jobs.progress;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the file readers, the parser and the drift windows of this JVM have done so far: input bytes (as stored, i.e.
 * compressed for {@code .gz}), records, damaged files, dead letters and texts embedded. {@code llm-eval backfill} runs its jobs in-process and polls these for its progress line; on a
 * cluster each TaskManager counts its own, and the client shows the Flink UI's figures instead.
 */
public final class LocalProgress {

    private static final LongAdder BYTES = new LongAdder();
    private static final LongAdder RECORDS = new LongAdder();
    private static final LongAdder DAMAGED_FILES = new LongAdder();
    private static final LongAdder DEAD_LETTERS = new LongAdder();
    private static final LongAdder EMBEDDED_TEXTS = new LongAdder();

    private LocalProgress() {}

    public static void addBytes(long bytes) {
        BYTES.add(bytes);
    }

    public static void addRecords(long records) {
        RECORDS.add(records);
    }

    public static void addDamagedFile() {
        DAMAGED_FILES.increment();
    }

    /** Called by the parser for every dead letter it writes (damaged files included). */
    public static void addDeadLetter() {
        DEAD_LETTERS.increment();
    }

    /** Called by the drift windows for every text they embed (cache hits not counted). */
    public static void addEmbeddedTexts(long texts) {
        EMBEDDED_TEXTS.add(texts);
    }

    /** A consistent-enough view for a progress line. */
    public record Snapshot(long bytes, long records, long damagedFiles, long deadLetters, long embeddedTexts) {}

    public static Snapshot snapshot() {
        return new Snapshot(BYTES.sum(), RECORDS.sum(), DAMAGED_FILES.sum(), DEAD_LETTERS.sum(), EMBEDDED_TEXTS.sum());
    }
}
