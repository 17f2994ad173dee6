package io.llmeval.udfs.text;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, thread-safe memo of {@link PorterStemmer} results, for callers that stem a stream of tokens.
 *
 * <pre>{@code
 * StemCache stems = new StemCache(100_000);
 * stems.stem("running"); // "run", computed once
 * }</pre>
 *
 * <p>When the cache reaches its capacity it is emptied and refills; results never depend on what is
 * cached, only speed does. Safe to share between threads.
 */
public final class StemCache {

    /** Capacity used by {@link Tokenizer}: a large English vocabulary fits comfortably. */
    public static final int DEFAULT_CAPACITY = 200_000;

    private final PorterStemmer stemmer = PorterStemmer.nltk();
    private final ConcurrentHashMap<String, String> stems = new ConcurrentHashMap<>();
    private final int capacity;

    public StemCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("stem cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The NLTK Porter stem of {@code token}. */
    public String stem(String token) {
        String cached = stems.get(token);
        if (cached != null) {
            return cached;
        }
        String stem = stemmer.stem(token);
        // Emptying wholesale keeps the bound without per-entry bookkeeping on the hot path.
        if (stems.size() >= capacity) {
            stems.clear();
        }
        stems.put(token, stem);
        return stem;
    }

    public int capacity() {
        return capacity;
    }
}
