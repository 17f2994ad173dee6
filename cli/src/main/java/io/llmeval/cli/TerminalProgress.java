package io.llmeval.cli;

import io.llmeval.jobs.backfill.BackfillProgress;
import io.llmeval.jobs.backfill.PlainProgressLines;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.text.DecimalFormat;
import java.time.Duration;

/**
 * The backfill's progress as one live line on the terminal (me.tongfei:progressbar): bytes read of the total in MB, %,
 * MB/s and ETA drawn by the library, records, records/s, dead letters and the phase as its extra message.
 */
final class TerminalProgress implements BackfillProgress.Listener {

    private ProgressBar bar;
    private long bytesAtStart = -1;

    @Override
    public void progress(BackfillProgress p) {
        if (bar == null) {
            bytesAtStart = p.bytesDone();
            bar = new ProgressBarBuilder()
                    .setTaskName("backfill")
                    .setInitialMax(p.bytesTotal())
                    .setUnit(" MB", 1_000_000)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .showSpeed(new DecimalFormat("0.0"))
                    .startsFrom(p.bytesDone(), Duration.ZERO)
                    .build();
        }
        bar.stepTo(p.bytesDone());
        bar.setExtraMessage(String.format(" %,d records %,.0f/s, %,d dead letters%s [%s]", p.records(),
                p.recordsPerSecond(), p.deadLetters(), PlainProgressLines.embedded(p), p.phase()));
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
        }
    }
}
