package io.llmeval.jobs.backfill;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress as a plain line at most every {@code interval} (10 s by default): for logs, pipes and {@code flink run}
 * clients, where a live line would be noise.
 * <pre>llm-eval backfill: 41% 395/963 MB, 610,112 records (52,300/s), 44.1 MB/s, 12 dead letters, ETA 13s [unit 1/1]</pre>
 */
public final class PlainProgressLines implements BackfillProgress.Listener {

    private final PrintWriter out;
    private final long intervalMillis;
    private long bytesAtStart = -1;
    private long lastPrinted = Long.MIN_VALUE;

    public PlainProgressLines(PrintWriter out, Duration interval) {
        this.out = out;
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public void progress(BackfillProgress p) {
        if (bytesAtStart < 0) {
            bytesAtStart = p.bytesDone();
        }
        long now = p.elapsed().toMillis();
        if (lastPrinted != Long.MIN_VALUE && now - lastPrinted < intervalMillis) {
            return;
        }
        lastPrinted = now;
        out.println("llm-eval backfill: " + describe(p, bytesAtStart));
        out.flush();
    }

    /** The progress line's text, shared with the terminal renderer. */
    public static String describe(BackfillProgress p, long bytesAtStart) {
        Duration eta = p.eta(bytesAtStart);
        return String.format("%.0f%% %,d/%,d MB, %,d records (%,.0f/s), %.1f MB/s, %,d dead letters, ETA %s%s [%s]",
                100 * p.fraction(), p.bytesDone() / 1_000_000, p.bytesTotal() / 1_000_000, p.records(),
                p.recordsPerSecond(), p.megabytesPerSecond(bytesAtStart), p.deadLetters(),
                eta == null ? "?" : format(eta), embedded(p), p.phase());
    }

    /** {@code ", 12,000 texts embedded"} once drift windows embed, else nothing. */
    public static String embedded(BackfillProgress p) {
        return p.embeddedTexts() == 0 ? "" : String.format(", %,d texts embedded", p.embeddedTexts());
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
