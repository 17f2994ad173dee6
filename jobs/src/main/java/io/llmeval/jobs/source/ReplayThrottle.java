package io.llmeval.jobs.source;

import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Paces lines to a fixed rate (lines per second of wall-clock time), so that archived traffic
 * replays like a live stream. Used by the demo; it blocks the task thread, which is its purpose.
 */
public class ReplayThrottle extends RichMapFunction<RawLine, RawLine> {

    private final double linesPerSecond;
    private transient long startNanos;
    private transient long lines;

    public ReplayThrottle(double linesPerSecond) {
        this.linesPerSecond = linesPerSecond;
    }

    @Override
    public void open(OpenContext openContext) {
        startNanos = System.nanoTime();
        lines = 0;
    }

    @Override
    public RawLine map(RawLine line) throws InterruptedException {
        lines++;
        long dueNanos = startNanos + (long) (lines / linesPerSecond * 1e9);
        long aheadMillis = (dueNanos - System.nanoTime()) / 1_000_000;
        if (aheadMillis > 20) {
            Thread.sleep(aheadMillis);
        }
        return line;
    }
}
