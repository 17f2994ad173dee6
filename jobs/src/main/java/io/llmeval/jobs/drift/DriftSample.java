package io.llmeval.jobs.drift;

import io.llmeval.udfs.drift.ReservoirSampler;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.Value;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Accumulator of a drift key-window: the bottom-K sample (by seeded hash of request_id) of its texts and token
 * counts. A Flink {@link Value}, so that state is written in the sampler's own compact format, not by Kryo. The
 * sample is a function of the set of records, so stream and batch runs of the same input sample the same texts.
 */
public class DriftSample implements Value {

    private static final long serialVersionUID = 1L;

    /** A sampled request: the text to embed and its token counts (-1 when unknown). */
    public record Item(String text, long inputTokens, long outputTokens) {}

    static final ReservoirSampler.ItemCodec<Item> ITEM_CODEC = new ReservoirSampler.ItemCodec<>() {
        @Override
        public void write(Item item, DataOutput out) throws IOException {
            ReservoirSampler.STRING.write(item.text(), out);
            out.writeLong(item.inputTokens());
            out.writeLong(item.outputTokens());
        }

        @Override
        public Item read(DataInput in) throws IOException {
            return new Item(ReservoirSampler.STRING.read(in), in.readLong(), in.readLong());
        }
    };

    private ReservoirSampler<Item> sampler;

    /** For Flink's deserialisation; {@link #read} sets the sampler. */
    public DriftSample() {}

    public DriftSample(int capacity, long seed) {
        this.sampler = new ReservoirSampler<>(capacity, seed, ITEM_CODEC);
    }

    public void offer(DriftObservation observation) {
        sampler.offer(observation.requestId,
                new Item(observation.text, observation.inputTokens, observation.outputTokens));
    }

    public void merge(DriftSample other) {
        sampler.merge(other.sampler);
    }

    public ReservoirSampler<Item> sampler() {
        return sampler;
    }

    @Override
    public void write(DataOutputView out) throws IOException {
        sampler.writeTo(out);
    }

    @Override
    public void read(DataInputView in) throws IOException {
        sampler = ReservoirSampler.readFrom(in, ITEM_CODEC);
    }
}
