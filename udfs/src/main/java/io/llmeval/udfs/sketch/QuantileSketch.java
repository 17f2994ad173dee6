package io.llmeval.udfs.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Mergeable, order-independent quantile sketch with a 1% relative-error guarantee, used for every
 * latency, time-to-first-token and token-rate percentile in the platform.
 *
 * <pre>{@code
 * QuantileSketch sketch = new QuantileSketch();
 * sketch.add(120.5);
 * double p95 = sketch.quantile(0.95);
 * }</pre>
 *
 * <p>Backed by Datadog's DDSketch rather than hand-written code: it gives the relative-error guarantee
 * we document, merges exactly, and its bucket counts do not depend on insertion order, so a streaming
 * run and a batch run over the same records report bit-identical percentiles. The store collapses its
 * lowest buckets beyond {@link #MAX_BINS}, which bounds the state of one window at about 16 KB even for
 * adversarial inputs (realistic latencies use a few hundred bins). Not thread-safe.
 */
public final class QuantileSketch {

    /** Relative accuracy of every quantile: the returned value is within 1% of the value at that rank. */
    public static final double RELATIVE_ACCURACY = 0.01;

    /** Bins kept before the lowest ones are collapsed; 2048 bins at 1% cover 1 µs to 10^11 ms. */
    public static final int MAX_BINS = 2048;

    private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

    private final DDSketch sketch;
    // DDSketch reports its maximum rounded to a bucket; we keep the exact one.
    private double max;

    public QuantileSketch() {
        this(newSketch(), Double.NaN);
    }

    private QuantileSketch(DDSketch sketch, double max) {
        this.sketch = sketch;
        this.max = max;
    }

    private static DDSketch newSketch() {
        return new DDSketch(MAPPING, () -> new CollapsingLowestDenseStore(MAX_BINS));
    }

    /** Adds one non-negative value; negative or non-finite values are rejected by the caller's validation. */
    public void add(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("sketch values must be finite and >= 0, got " + value);
        }
        sketch.accept(value);
        max = Double.isNaN(max) ? value : Math.max(max, value);
    }

    /** Merges {@code other} into this sketch; the result is the same whatever the merge order. */
    public void merge(QuantileSketch other) {
        sketch.mergeWith(other.sketch);
        if (!Double.isNaN(other.max)) {
            max = Double.isNaN(max) ? other.max : Math.max(max, other.max);
        }
    }

    public long count() {
        return (long) sketch.getCount();
    }

    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    /**
     * Value at quantile {@code q} in [0, 1], for the rank {@code floor(q * (count - 1))} of the sorted
     * values, within {@link #RELATIVE_ACCURACY}; NaN when empty.
     */
    public double quantile(double q) {
        return sketch.isEmpty() ? Double.NaN : sketch.getValueAtQuantile(q);
    }

    /** Exact maximum of the added values; NaN when empty. */
    public double max() {
        return max;
    }

    public QuantileSketch copy() {
        return new QuantileSketch(sketch.copy(), max);
    }

    /** Writes the exact maximum and the length-prefixed DDSketch encoding. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeDouble(max);
        byte[] bytes = encodeSketch();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads a sketch written by {@link #writeTo(DataOutput)}. */
    public static QuantileSketch readFrom(DataInput in) throws IOException {
        double max = in.readDouble();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        DDSketch sketch = DDSketch.decode(
                ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(MAX_BINS), MAPPING);
        return new QuantileSketch(sketch, max);
    }

    /** Serialized form, for SQL aggregate accumulators and other byte-oriented state. */
    public byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            writeTo(new DataOutputStream(buffer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    public static QuantileSketch fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt quantile sketch", e);
        }
    }

    private byte[] encodeSketch() throws IOException {
        GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
        sketch.encode(output, true);
        return output.trimmedCopy();
    }
}
