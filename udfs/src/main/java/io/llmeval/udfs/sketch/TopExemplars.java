package io.llmeval.udfs.sketch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The ids of the (at most) {@link #SIZE} items with the largest weight seen, largest first: the exemplar
 * requests an alert links to, e.g. the slowest requests of a slow window or the most confidently
 * hallucinated answers of a hallucinating one.
 *
 * <pre>{@code
 * TopExemplars slowest = new TopExemplars();
 * slowest.offer("trace-1", 950.0);
 * slowest.offer("trace-2", 12000.0);
 * slowest.ids();   // [trace-2, trace-1]
 * }</pre>
 *
 * <p>Deterministic whatever the order of the items, so a streaming and a batch run pick the same ids: equal
 * weights rank by id (ascending), and an id offered twice counts once, with its largest weight. NaN weights
 * and null ids are ignored. Mergeable; the state is at most three (id, weight) pairs. The SQL function
 * {@code TOP_EXEMPLARS} and the DataStream window accumulator both use it. Not thread-safe.
 */
public final class TopExemplars {

    /** How many ids are kept. */
    public static final int SIZE = 3;

    private String[] ids;
    private double[] weights;

    public TopExemplars() {
        this(new String[0], new double[0]);
    }

    private TopExemplars(String[] ids, double[] weights) {
        this.ids = ids;
        this.weights = weights;
    }

    /**
     * A copy of ids and weights as {@link #idArray()} and {@link #weightArray()} return them (best first).
     *
     * @throws IllegalArgumentException when the arrays differ in length or hold more than {@link #SIZE}
     */
    public static TopExemplars of(String[] ids, double[] weights) {
        if (ids.length != weights.length || ids.length > SIZE) {
            throw new IllegalArgumentException("exemplars: " + ids.length + " ids and " + weights.length
                    + " weights, expected equal lengths of at most " + SIZE);
        }
        return new TopExemplars(ids.clone(), weights.clone());
    }

    /** Takes (id, weight) in if it ranks among the best {@link #SIZE}. */
    public void offer(String id, double weight) {
        if (id == null || Double.isNaN(weight)) {
            return;
        }
        int existing = Arrays.asList(ids).indexOf(id);
        if (existing >= 0) {
            if (weight <= weights[existing]) {
                return;
            }
            remove(existing);
        }
        int n = ids.length;
        int at = 0;
        while (at < n && ranksBefore(ids[at], weights[at], id, weight)) {
            at++;
        }
        if (at >= SIZE) {
            return;
        }
        int size = Math.min(SIZE, n + 1);
        String[] newIds = new String[size];
        double[] newWeights = new double[size];
        for (int i = 0, j = 0; i < size; i++) {
            if (i == at) {
                newIds[i] = id;
                newWeights[i] = weight;
            } else {
                newIds[i] = ids[j];
                newWeights[i] = weights[j];
                j++;
            }
        }
        ids = newIds;
        weights = newWeights;
    }

    /** Adds another one's items, as if they had been offered here. */
    public void merge(TopExemplars other) {
        for (int i = 0; i < other.ids.length; i++) {
            offer(other.ids[i], other.weights[i]);
        }
    }

    /** The ids, best first; {@code null} when nothing was offered (as SQL's NULL). */
    public List<String> ids() {
        return ids.length == 0 ? null : List.of(ids);
    }

    /** The ids, best first (a copy; empty when nothing was offered). */
    public String[] idArray() {
        return ids.clone();
    }

    /** The weights of {@link #idArray()}, in the same order (a copy). */
    public double[] weightArray() {
        return weights.clone();
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(ids.length);
        for (int i = 0; i < ids.length; i++) {
            // Length-prefixed UTF-8, not writeUTF: that fails on ids over 64 KB, and ids come from the logs.
            byte[] id = ids[i].getBytes(StandardCharsets.UTF_8);
            out.writeInt(id.length);
            out.write(id);
            out.writeDouble(weights[i]);
        }
    }

    /** Reads what {@link #writeTo(DataOutput)} wrote. */
    public static TopExemplars readFrom(DataInput in) throws IOException {
        int n = in.readByte();
        String[] ids = new String[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[in.readInt()];
            in.readFully(id);
            ids[i] = new String(id, StandardCharsets.UTF_8);
            weights[i] = in.readDouble();
        }
        return of(ids, weights);
    }

    private void remove(int index) {
        int n = ids.length;
        String[] newIds = new String[n - 1];
        double[] newWeights = new double[n - 1];
        for (int i = 0, j = 0; i < n; i++) {
            if (i != index) {
                newIds[j] = ids[i];
                newWeights[j] = weights[i];
                j++;
            }
        }
        ids = newIds;
        weights = newWeights;
    }

    /** Larger weight first; equal weights by id, ascending. */
    private static boolean ranksBefore(String id, double weight, String otherId, double otherWeight) {
        int byWeight = Double.compare(weight, otherWeight);
        return byWeight != 0 ? byWeight > 0 : id.compareTo(otherId) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopExemplars that && Arrays.equals(ids, that.ids) && Arrays.equals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "TopExemplars" + Arrays.toString(ids);
    }
}
