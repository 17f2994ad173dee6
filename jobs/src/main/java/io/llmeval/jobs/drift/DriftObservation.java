package io.llmeval.jobs.drift;

import io.llmeval.udfs.drift.ReservoirSampler;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What the drift windows need of a request: its id (which decides whether it is sampled), key, event time, the
 * embedded text and its token counts. A Flink POJO.
 */
public class DriftObservation {
    public String requestId;
    public String model;
    public String route;
    public long timestampMillis;
    public String text;
    /** Input tokens, or -1 when the record has none. */
    public long inputTokens;
    /** Output tokens of a successful request, or -1. */
    public long outputTokens;

    public DriftObservation() {}

    /** Codec for samplers of observations (the reference builder's sample of rows). */
    public static final ReservoirSampler.ItemCodec<DriftObservation> CODEC = new ReservoirSampler.ItemCodec<>() {
        @Override
        public void write(DriftObservation row, DataOutput out) throws IOException {
            out.writeUTF(row.requestId);
            out.writeBoolean(row.model != null);
            if (row.model != null) {
                out.writeUTF(row.model);
                out.writeUTF(row.route);
            }
            out.writeLong(row.timestampMillis);
            ReservoirSampler.STRING.write(row.text, out);
            out.writeLong(row.inputTokens);
            out.writeLong(row.outputTokens);
        }

        @Override
        public DriftObservation read(DataInput in) throws IOException {
            DriftObservation row = new DriftObservation();
            row.requestId = in.readUTF();
            if (in.readBoolean()) {
                row.model = in.readUTF();
                row.route = in.readUTF();
            }
            row.timestampMillis = in.readLong();
            row.text = ReservoirSampler.STRING.read(in);
            row.inputTokens = in.readLong();
            row.outputTokens = in.readLong();
            return row;
        }
    };
}
