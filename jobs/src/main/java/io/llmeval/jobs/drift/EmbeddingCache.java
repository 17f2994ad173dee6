package io.llmeval.jobs.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Least-recently-used embeddings of distinct texts, per operator instance. Templated and retried traffic repeats
 * prompts, so consecutive windows of a key share most texts; the cache makes a window close embed only the new
 * ones. Not state: it is rebuilt after a restart, which changes nothing but time.
 */
final class EmbeddingCache {

    private final int capacity;
    private final LinkedHashMap<String, float[]> entries;
    private long hits;
    private long misses;

    EmbeddingCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    /**
     * The vectors of {@code texts}, in order; the texts not in the cache are embedded together by {@code embed}
     * (one call, distinct texts, first-seen order).
     */
    float[][] embed(List<String> texts, Function<List<String>, float[][]> embed) {
        float[][] out = new float[texts.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            float[] cached = entries.get(texts.get(i));
            if (cached != null) {
                out[i] = cached;
                hits++;
            } else {
                missing.computeIfAbsent(texts.get(i), t -> new ArrayList<>()).add(i);
                misses++;
            }
        }
        if (!missing.isEmpty()) {
            List<String> distinct = new ArrayList<>(missing.keySet());
            float[][] vectors = embed.apply(distinct);
            for (int j = 0; j < distinct.size(); j++) {
                for (int i : missing.get(distinct.get(j))) {
                    out[i] = vectors[j];
                }
                if (capacity > 0) {
                    entries.put(distinct.get(j), vectors[j]);
                }
            }
        }
        return out;
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }
}
