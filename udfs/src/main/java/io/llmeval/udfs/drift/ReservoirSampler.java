package io.llmeval.udfs.drift;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Uniform sample of at most {@code capacity} items of one key-window, the accumulator of embedding
 * drift: each window keeps {@link #DEFAULT_CAPACITY} embeddings, and at window close the
 * {@link DriftDetector} compares them to the reference.
 *
 * <pre>{@code
 * ReservoirSampler<float[]> sample = ReservoirSampler.forVectors();   // 500 items, default seed
 * sample.offer(requestId, embedding);                                 // per record
 * sample.merge(otherPane);                                            // session / merging windows
 * DriftReport report = detector.detect(sample.items());               // window close
 * byte[] state = sample.toBytes();                                    // ReservoirSampler.fromBytes(state, codec)
 * }</pre>
 *
 * <p><b>Why bottom-K by hash and not Algorithm R.</b> A classic reservoir (Algorithm R) decides with a
 * random draw at each arrival, so the sample depends on the order in which the items arrive. A Flink
 * window receives its records in a different order on every run (parallel sources, watermarks, replays
 * after a failure, a batch re-run over the same files), and the drift verdict would change with it.
 * Here each item gets the priority {@code hash(seed, id)} of its stable id (the request id), and the
 * sample is the {@code capacity} items with the smallest priorities (ties broken by id). That is a
 * function of the <em>set</em> of items, not of their order: any arrival order, any split into panes
 * merged in any order, and a batch pass over the same records all give the identical sample. Because a
 * good hash of distinct ids behaves like independent uniform draws, the bottom-K set is a uniform
 * sample without replacement (the "bottom-k sketch" / priority-sampling construction). Two samplers
 * with the same seed select the same ids from the same id set, so the embeddings and the token lengths
 * of one window can be sampled separately and still describe the same requests.
 *
 * <p>Ids must identify items: a second item with an id already in the sample is ignored (a replayed
 * record), so its payload should be the same. {@link #items()} returns the sample in ascending
 * priority order, a seeded random order that is itself order-independent; the drift methods rely on
 * it for their seeded folds and permutations. Not thread-safe.
 *
 * @param <T> the sampled payload, written to bytes by an {@link ItemCodec}
 */
public final class ReservoirSampler<T> {

    /** Items kept per key-window when no capacity is given. */
    public static final int DEFAULT_CAPACITY = 500;

    /** Seed of the priority hash when none is given; changing it changes every sample. */
    public static final long DEFAULT_SEED = 0x6C6C6D2D6576616CL; // "llm-eval"

    private static final byte FORMAT_VERSION = 1;

    /**
     * Writes and reads one payload; {@link #FLOAT_VECTOR} covers embeddings and token-length pairs,
     * {@link #STRING} texts.
     */
    public interface ItemCodec<T> {
        void write(T item, DataOutput out) throws IOException;

        T read(DataInput in) throws IOException;
    }

    /** Codec for {@code float[]} payloads: length, then the floats. */
    public static final ItemCodec<float[]> FLOAT_VECTOR = new ItemCodec<>() {
        @Override
        public void write(float[] item, DataOutput out) throws IOException {
            out.writeInt(item.length);
            for (float v : item) {
                out.writeFloat(v);
            }
        }

        @Override
        public float[] read(DataInput in) throws IOException {
            float[] item = new float[in.readInt()];
            for (int i = 0; i < item.length; i++) {
                item[i] = in.readFloat();
            }
            return item;
        }
    };

    /** Codec for {@code String} payloads (e.g. prompts to embed at window close): length, then UTF-8 bytes. */
    public static final ItemCodec<String> STRING = new ItemCodec<>() {
        @Override
        public void write(String item, DataOutput out) throws IOException {
            byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public String read(DataInput in) throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    private static final class Entry<T> {
        final long priority;
        final String id;
        final T item;

        Entry(long priority, String id, T item) {
            this.priority = priority;
            this.id = id;
            this.item = item;
        }
    }

    /** Ascending (priority as unsigned, then id): the order of the sample. */
    private static final Comparator<Entry<?>> ORDER =
            Comparator.<Entry<?>>comparingLong(e -> e.priority ^ Long.MIN_VALUE).thenComparing(e -> e.id);

    private final int capacity;
    private final long seed;
    private final ItemCodec<T> codec;
    // Max-heap on ORDER: the root is the kept item that the next smaller priority evicts.
    private final PriorityQueue<Entry<T>> heap;
    private final Map<String, Entry<T>> byId;
    private long seen;

    public ReservoirSampler(int capacity, long seed, ItemCodec<T> codec) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.seed = seed;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.heap = new PriorityQueue<>(Math.min(capacity, 1024) + 1, ORDER.reversed());
        this.byId = new HashMap<>();
    }

    /** A sampler of {@code float[]} payloads with {@link #DEFAULT_CAPACITY} and {@link #DEFAULT_SEED}. */
    public static ReservoirSampler<float[]> forVectors() {
        return forVectors(DEFAULT_CAPACITY, DEFAULT_SEED);
    }

    public static ReservoirSampler<float[]> forVectors(int capacity, long seed) {
        return new ReservoirSampler<>(capacity, seed, FLOAT_VECTOR);
    }

    /** A sampler of texts, e.g. to embed only the sampled prompts when the window closes. */
    public static ReservoirSampler<String> forStrings(int capacity, long seed) {
        return new ReservoirSampler<>(capacity, seed, STRING);
    }

    /**
     * Counts the item and keeps it if its priority is among the {@code capacity} smallest so far.
     *
     * @return whether the item is in the sample now
     */
    public boolean offer(String id, T item) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(item, "item");
        seen++;
        return insert(new Entry<>(hash(seed, id), id, item));
    }

    private boolean insert(Entry<T> entry) {
        if (byId.containsKey(entry.id)) {
            return false;
        }
        if (heap.size() < capacity) {
            add(entry);
            return true;
        }
        Entry<T> largest = heap.peek();
        if (ORDER.compare(entry, largest) >= 0) {
            return false;
        }
        heap.poll();
        byId.remove(largest.id);
        add(entry);
        return true;
    }

    private void add(Entry<T> entry) {
        heap.add(entry);
        byId.put(entry.id, entry);
    }

    /**
     * Adds {@code other}'s sample and count to this one. The result equals the sample of the union of
     * both inputs, whatever the merge order.
     *
     * @throws IllegalArgumentException if the capacities or seeds differ
     */
    public void merge(ReservoirSampler<T> other) {
        if (other.capacity != capacity || other.seed != seed) {
            throw new IllegalArgumentException(String.format(
                    "cannot merge samplers with different settings: capacity %d seed %d vs capacity %d seed %d",
                    capacity, seed, other.capacity, other.seed));
        }
        if (other == this) {
            seen *= 2; // the union of a set with itself is the set
            return;
        }
        seen += other.seen;
        for (Entry<T> entry : other.heap) {
            insert(entry);
        }
    }

    /** Items offered so far, duplicates included (merges add their counts). */
    public long seenCount() {
        return seen;
    }

    /** Items in the sample: {@code min(capacity, distinct ids seen)}. */
    public int size() {
        return heap.size();
    }

    public boolean isEmpty() {
        return heap.isEmpty();
    }

    public int capacity() {
        return capacity;
    }

    public long seed() {
        return seed;
    }

    /** The sampled payloads in ascending priority order (a seeded, arrival-order-independent order). */
    public List<T> items() {
        List<T> items = new ArrayList<>(heap.size());
        for (Entry<T> entry : sorted()) {
            items.add(entry.item);
        }
        return items;
    }

    /** The sampled ids, in the order of {@link #items()}. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>(heap.size());
        for (Entry<T> entry : sorted()) {
            ids.add(entry.id);
        }
        return ids;
    }

    private List<Entry<T>> sorted() {
        List<Entry<T>> entries = new ArrayList<>(heap);
        entries.sort(ORDER);
        return Collections.unmodifiableList(entries);
    }

    public ReservoirSampler<T> copy() {
        ReservoirSampler<T> copy = new ReservoirSampler<>(capacity, seed, codec);
        copy.seen = seen;
        for (Entry<T> entry : heap) {
            copy.add(entry);
        }
        return copy;
    }

    /** Writes version, capacity, seed, count and the entries in sample order (so equal samples give equal bytes). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeInt(capacity);
        out.writeLong(seed);
        out.writeLong(seen);
        List<Entry<T>> entries = sorted();
        out.writeInt(entries.size());
        for (Entry<T> entry : entries) {
            out.writeUTF(entry.id);
            codec.write(entry.item, out);
        }
    }

    /** Reads a sampler written by {@link #writeTo(DataOutput)}; priorities are recomputed from the ids. */
    public static <T> ReservoirSampler<T> readFrom(DataInput in, ItemCodec<T> codec) throws IOException {
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("unsupported reservoir sampler format version " + version);
        }
        ReservoirSampler<T> sampler = new ReservoirSampler<>(in.readInt(), in.readLong(), codec);
        sampler.seen = in.readLong();
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            String id = in.readUTF();
            sampler.insert(new Entry<>(hash(sampler.seed, id), id, codec.read(in)));
        }
        return sampler;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            writeTo(new DataOutputStream(buffer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    public static <T> ReservoirSampler<T> fromBytes(byte[] bytes, ItemCodec<T> codec) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), codec);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt reservoir sampler state", e);
        }
    }

    /**
     * The priority of {@code id}: a seeded 64-bit hash of its UTF-8 bytes (8-byte blocks folded through
     * the SplitMix64/Stafford-13 finaliser). Part of the state format: changing it changes which items
     * a restored sampler keeps, so it only changes with {@code FORMAT_VERSION}.
     */
    public static long hash(long seed, String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        long h = mix(seed ^ (0x9E3779B97F4A7C15L * (bytes.length + 1L)));
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            long block = 0;
            for (int b = 7; b >= 0; b--) {
                block = (block << 8) | (bytes[i + b] & 0xFFL);
            }
            h = mix(h ^ block) + 0x632BE59BD9B4E019L;
        }
        long tail = 0;
        for (int b = bytes.length - 1; b >= i; b--) {
            tail = (tail << 8) | (bytes[b] & 0xFFL);
        }
        return mix(h ^ tail ^ 0xD6E8FEB86659FD93L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
