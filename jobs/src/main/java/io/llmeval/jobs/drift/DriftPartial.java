package io.llmeval.jobs.drift;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Part of one (model, route) drift window's sample: what one subtask saw of it in one unit of a backfill. The sample
 * is a bottom-K by seeded hash of {@code request_id}, so merged partials hold exactly the sample one pass would draw.
 */
public class DriftPartial {
    public String model;
    public String route;
    public long windowStartMillis;
    public long windowEndMillis;
    public DriftSample sample;

    public DriftPartial() {}

    public DriftPartial(String model, String route, long windowStartMillis, long windowEndMillis, DriftSample sample) {
        this.model = model;
        this.route = route;
        this.windowStartMillis = windowStartMillis;
        this.windowEndMillis = windowEndMillis;
        this.sample = sample;
    }

    public DriftPartial merge(DriftPartial other) {
        sample.merge(other.sample);
        return this;
    }

    public void write(DataOutputView out) throws IOException {
        out.writeUTF(model);
        out.writeUTF(route);
        out.writeLong(windowStartMillis);
        out.writeLong(windowEndMillis);
        sample.write(out);
    }

    public static DriftPartial read(DataInputView in) throws IOException {
        DriftPartial partial = new DriftPartial(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), new DriftSample());
        partial.sample.read(in);
        return partial;
    }
}
