package io.llmeval.jobs.stages;

import io.llmeval.udfs.sketch.QuantileSketch;
import io.llmeval.udfs.sketch.TopExemplars;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.Value;

import java.io.IOException;

/**
 * Accumulator of one (model, route, stage) window: span count, a sketch of span durations, the stage's and its
 * requests' summed time in integer nanoseconds (exact and order-independent, so stream and batch agree), and the
 * traces that spent longest in the stage. A Flink {@link Value}: written by our own code, not Kryo.
 */
public class StageStats implements Value {

    private static final long serialVersionUID = 1L;

    long spanCount;
    long stageNanos;
    long latencyNanos;
    QuantileSketch durationsMs = new QuantileSketch();
    TopExemplars slowestTraces = new TopExemplars();

    public StageStats() {}

    public void add(StageSample sample) {
        for (long duration : sample.durationsNanos) {
            durationsMs.add(duration / 1e6);
        }
        spanCount += sample.durationsNanos.length;
        long stage = sample.stageNanos();
        stageNanos += stage;
        latencyNanos += sample.requestLatencyNanos;
        slowestTraces.offer(sample.traceId, stage);
    }

    public StageStats merge(StageStats other) {
        spanCount += other.spanCount;
        stageNanos += other.stageNanos;
        latencyNanos += other.latencyNanos;
        durationsMs.merge(other.durationsMs);
        slowestTraces.merge(other.slowestTraces);
        return this;
    }

    @Override
    public void write(DataOutputView out) throws IOException {
        out.writeLong(spanCount);
        out.writeLong(stageNanos);
        out.writeLong(latencyNanos);
        durationsMs.writeTo(out);
        slowestTraces.writeTo(out);
    }

    @Override
    public void read(DataInputView in) throws IOException {
        spanCount = in.readLong();
        stageNanos = in.readLong();
        latencyNanos = in.readLong();
        durationsMs = QuantileSketch.readFrom(in);
        slowestTraces = TopExemplars.readFrom(in);
    }
}
