package io.llmeval.jobs.pipeline;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Part of one (model, route) window's stats: what one subtask saw of it in one unit of a backfill. Partials of the same
 * key-window merge exactly ({@link WindowStats#merge}: integer sums, mergeable sketches, deterministic exemplars), so
 * however the input is cut into units and subtasks, the merged window is the one a single pass would compute.
 */
public class WindowPartial {
    public String model;
    public String route;
    public long windowStartMillis;
    public long windowEndMillis;
    public WindowStats stats;

    public WindowPartial() {}

    public WindowPartial(String model, String route, long windowStartMillis, long windowEndMillis, WindowStats stats) {
        this.model = model;
        this.route = route;
        this.windowStartMillis = windowStartMillis;
        this.windowEndMillis = windowEndMillis;
        this.stats = stats;
    }

    public WindowPartial merge(WindowPartial other) {
        stats.merge(other.stats);
        return this;
    }

    public WindowMetrics toMetrics() {
        return WindowMetrics.of(model, route, windowStartMillis, windowEndMillis, stats);
    }

    public void write(DataOutputView out) throws IOException {
        out.writeUTF(model);
        out.writeUTF(route);
        out.writeLong(windowStartMillis);
        out.writeLong(windowEndMillis);
        stats.write(out);
    }

    public static WindowPartial read(DataInputView in) throws IOException {
        WindowPartial partial = new WindowPartial(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), new WindowStats());
        partial.stats.read(in);
        return partial;
    }
}
