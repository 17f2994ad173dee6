package io.llmeval.jobs.backfill;

import java.time.Duration;

/**
 * Where a backfill reports how far it is, about once a second while units run. The command line renders it: one live
 * line on a terminal, a plain line every 10 s otherwise ({@link PlainProgressLines}).
 *
 * @param bytesDone input bytes read (as stored, compressed for {@code .gz}), committed units included
 * @param bytesTotal input bytes of the run
 * @param records records read so far in this process
 * @param deadLetters dead letters so far in this process
 * @param embeddedTexts texts the drift windows embedded so far in this process (with {@code --reference})
 * @param elapsed time since this run started
 * @param phase what runs now, e.g. {@code "unit 3/12"} or {@code "merging"}
 */
public record BackfillProgress(long bytesDone, long bytesTotal, long records, long deadLetters, long embeddedTexts,
                               Duration elapsed, String phase) {

    /** Receives progress; {@link #finished} once at the end, whatever the outcome. */
    public interface Listener {
        void progress(BackfillProgress progress);

        default void finished() {}
    }

    public double fraction() {
        return bytesTotal <= 0 ? 1.0 : Math.min(1.0, (double) bytesDone / bytesTotal);
    }

    public double megabytesPerSecond(long bytesAtStart) {
        double seconds = Math.max(1e-3, elapsed.toMillis() / 1000.0);
        return (bytesDone - bytesAtStart) / 1e6 / seconds;
    }

    public double recordsPerSecond() {
        return records / Math.max(1e-3, elapsed.toMillis() / 1000.0);
    }

    /** Remaining time at the rate of this run so far, or {@code null} before there is a rate. */
    public Duration eta(long bytesAtStart) {
        long read = bytesDone - bytesAtStart;
        if (read <= 0 || elapsed.isZero()) {
            return null;
        }
        return Duration.ofMillis((long) ((bytesTotal - bytesDone) * (double) elapsed.toMillis() / read));
    }
}
