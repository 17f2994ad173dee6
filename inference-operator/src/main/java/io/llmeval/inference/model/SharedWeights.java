package io.llmeval.inference.model;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the model weights once per JVM (per device) and shares them between every user of that JVM, e.g. all
 * task slots of a TaskManager. Reference-counted: the off-heap arrays are freed when the last user releases
 * them.
 *
 * <pre>{@code
 * SharedWeights.Lease lease = SharedWeights.acquire(ModelFiles.classpath());
 * try { new MiniLmEncoder(lease.weights()) ... } finally { lease.close(); }
 * }</pre>
 *
 * <p>"Per JVM" holds when this class is loaded once per JVM, i.e. when the inference jars are in Flink's
 * {@code lib/} (which ND4J's native libraries need anyway, see {@code docs/inference.md}); from a job jar it is
 * once per job and TaskManager.
 */
public final class SharedWeights {

    private static final Logger LOG = LoggerFactory.getLogger(SharedWeights.class);
    private static final Map<String, Entry> ENTRIES = new HashMap<>();

    private SharedWeights() {}

    /** A use of shared weights; close it exactly once when done. */
    public static final class Lease implements AutoCloseable {
        private final String key;
        private final MiniLmWeights weights;
        private boolean closed;

        private Lease(String key, MiniLmWeights weights) {
            this.key = key;
            this.weights = weights;
        }

        public MiniLmWeights weights() {
            if (closed) {
                throw new IllegalStateException("Lease on the model weights was already closed");
            }
            return weights;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(key);
            }
        }
    }

    private static final class Entry {
        final MiniLmWeights weights;
        int users;

        Entry(MiniLmWeights weights) {
            this.weights = weights;
        }
    }

    /** Returns the weights of {@code files} for the calling thread's device, loading them on first use. */
    public static synchronized Lease acquire(ModelFiles files) throws IOException {
        Integer device = Nd4j.getAffinityManager().getDeviceForCurrentThread();
        String key = files + "@device" + device;
        Entry entry = ENTRIES.get(key);
        if (entry == null) {
            long start = System.nanoTime();
            MiniLmWeights weights;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                weights = MiniLmWeights.load(files);
            }
            entry = new Entry(weights);
            ENTRIES.put(key, entry);
            LOG.info("Loaded all-MiniLM-L6-v2 weights ({} MB) from {} for device {} in {} ms",
                    weights.sizeInBytes() >> 20, files, device, (System.nanoTime() - start) / 1_000_000);
        }
        entry.users++;
        return new Lease(key, entry.weights);
    }

    /** How many leases are open on weights of any device; for tests. */
    public static synchronized int openLeases() {
        return ENTRIES.values().stream().mapToInt(e -> e.users).sum();
    }

    private static synchronized void release(String key) {
        Entry entry = ENTRIES.get(key);
        if (entry != null && --entry.users == 0) {
            ENTRIES.remove(key);
            entry.weights.close();
        }
    }
}
