package io.llmeval.udfs.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Embedding drift of a window against a fixed reference: the window-close half of embedding drift,
 * whose accumulator is a {@link ReservoirSampler}.
 *
 * <pre>{@code
 * DriftDetector detector = DriftDetector.builder()
 *         .reference(referenceVectors)          // required; subsampled to maxReferenceSize
 *         .primaryMethod("mmd")                 // default: DriftMethods.defaultFor(1000, 500) = mmd
 *         .allMethods(true)                     // also run the others (default: primary only)
 *         .minSamples(50)                       // below: status insufficient_samples, no verdict
 *         .build();
 * DriftReport report = detector.detect(windowSample);   // a ReservoirSampler<float[]>
 * if (report.driftDetected()) { ... report.driftScore() ... }
 * }</pre>
 *
 * <p>Deterministic: the same reference, settings and sample give the same report, and a
 * {@link ReservoirSampler} gives the same sample whatever the arrival order, so stream and batch runs
 * agree. Build one detector per reference and share it: the reference's derived data (sorted columns,
 * pairwise distances, bootstrap means) is computed once, on first use. Thread-safe.
 */
public final class DriftDetector {

    /** Fewest vectors a window needs for a verdict. */
    public static final int DEFAULT_MIN_SAMPLES = 50;

    /** Reference vectors kept (uniform subsample) when the reference is larger; see docs/drift.md. */
    public static final int DEFAULT_MAX_REFERENCE_SIZE = 1000;

    private final EmbeddingReference reference;
    private final DriftMethod primary;
    private final List<DriftMethod> methods;
    private final Map<String, Double> thresholds;
    private final int minSamples;
    private final long seed;

    DriftDetector(EmbeddingReference reference, DriftMethod primary, List<DriftMethod> methods,
                  Map<String, Double> thresholds, int minSamples, long seed) {
        this.reference = reference;
        this.primary = primary;
        this.methods = methods;
        this.thresholds = thresholds;
        this.minSamples = minSamples;
        this.seed = seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Drift of the sampler's vectors, with its seen count in the report. */
    public DriftReport detect(ReservoirSampler<float[]> sample) {
        return detect(sample.items().toArray(new float[0][]), sample.seenCount());
    }

    /** Drift of these vectors, which should be in a canonical order (see {@link DriftFunction}). */
    public DriftReport detect(List<float[]> current) {
        return detect(current.toArray(new float[0][]), current.size());
    }

    public DriftReport detect(float[][] current) {
        return detect(current, current.length);
    }

    /**
     * Drift of these vectors (in a canonical order, see {@link DriftFunction}) that were sampled from
     * {@code seenCount} records; the report carries that count.
     */
    public DriftReport detect(float[][] current, long seenCount) {
        if (current.length < minSamples) {
            return new DriftReport(DriftStatus.INSUFFICIENT_SAMPLES, Double.NaN, false, primary.id(),
                    current.length, seenCount, reference.size(), Map.of());
        }
        Map<String, DriftResult> results = new LinkedHashMap<>();
        for (DriftMethod method : methods) {
            double threshold = thresholds.getOrDefault(method.id(), method.defaultThreshold());
            results.put(method.id(), method.function().compute(reference, current, threshold, seed));
        }
        DriftResult main = results.get(primary.id());
        return new DriftReport(DriftStatus.OK, main.score(), main.driftDetected(), primary.id(),
                current.length, seenCount, reference.size(), results);
    }

    public DriftMethod primaryMethod() {
        return primary;
    }

    /** The methods each {@code detect} runs, the primary first. */
    public List<DriftMethod> methods() {
        return methods;
    }

    public int minSamples() {
        return minSamples;
    }

    public EmbeddingReference reference() {
        return reference;
    }

    /** Settings of a {@link DriftDetector}; {@link #build()} validates them. */
    public static final class Builder {
        private float[][] referenceVectors;
        private EmbeddingReference preparedReference;
        private String primaryMethod;
        private int sampleCapacity = ReservoirSampler.DEFAULT_CAPACITY;
        private boolean allMethods;
        private int minSamples = DEFAULT_MIN_SAMPLES;
        private int maxReferenceSize = DEFAULT_MAX_REFERENCE_SIZE;
        private long seed = ReservoirSampler.DEFAULT_SEED;
        private final Map<String, Double> thresholds = new LinkedHashMap<>();

        Builder() {
        }

        /** Reference vectors; more than {@link #maxReferenceSize(int)} are subsampled with the seed. */
        public Builder reference(float[][] vectors) {
            this.referenceVectors = vectors;
            this.preparedReference = null;
            return this;
        }

        /** A prepared reference, used as is (no subsampling), e.g. shared by several detectors. */
        public Builder reference(EmbeddingReference reference) {
            this.preparedReference = reference;
            this.referenceVectors = null;
            return this;
        }

        /**
         * Id of the method whose verdict the report carries; see {@link DriftMethods#ids()}. Default:
         * {@link DriftMethods#defaultFor(int, int)} of the reference size and {@link #sampleCapacity(int)}.
         */
        public Builder primaryMethod(String id) {
            this.primaryMethod = Objects.requireNonNull(id, "primaryMethod");
            return this;
        }

        /**
         * Largest window sample expected (the sampler's capacity, default
         * {@link ReservoirSampler#DEFAULT_CAPACITY}); only used to pick the default primary method.
         */
        public Builder sampleCapacity(int sampleCapacity) {
            this.sampleCapacity = sampleCapacity;
            return this;
        }

        /** Whether to run every registered method, not only the primary one. */
        public Builder allMethods(boolean allMethods) {
            this.allMethods = allMethods;
            return this;
        }

        public Builder minSamples(int minSamples) {
            this.minSamples = minSamples;
            return this;
        }

        public Builder maxReferenceSize(int maxReferenceSize) {
            this.maxReferenceSize = maxReferenceSize;
            return this;
        }

        /** Seed of the reference subsample and of every method's random choices. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Overrides a method's default threshold (its meaning: {@link DriftMethod#thresholdMeaning()}). */
        public Builder threshold(String methodId, double threshold) {
            DriftMethods.get(methodId);
            thresholds.put(methodId, threshold);
            return this;
        }

        public DriftDetector build() {
            if (referenceVectors == null && preparedReference == null) {
                throw new IllegalArgumentException("reference is required");
            }
            if (minSamples < 2) {
                throw new IllegalArgumentException("minSamples must be >= 2, got " + minSamples);
            }
            if (maxReferenceSize < minSamples) {
                throw new IllegalArgumentException(String.format(
                        "maxReferenceSize must be >= minSamples (%d), got %d", minSamples, maxReferenceSize));
            }
            if (primaryMethod != null) {
                DriftMethods.get(primaryMethod);
            }
            if (sampleCapacity < minSamples) {
                throw new IllegalArgumentException(String.format(
                        "sampleCapacity must be >= minSamples (%d), got %d", minSamples, sampleCapacity));
            }
            EmbeddingReference reference = preparedReference != null
                    ? preparedReference
                    : EmbeddingReference.subsample(referenceVectors, maxReferenceSize, seed);
            if (reference.size() < minSamples) {
                throw new IllegalArgumentException(String.format(
                        "reference has %d vectors, fewer than minSamples (%d)", reference.size(), minSamples));
            }
            DriftMethod primary = primaryMethod != null
                    ? DriftMethods.get(primaryMethod)
                    : DriftMethods.defaultFor(reference.size(), sampleCapacity);
            List<DriftMethod> methods = new ArrayList<>();
            methods.add(primary);
            if (allMethods) {
                for (DriftMethod method : DriftMethods.all()) {
                    if (!method.id().equals(primary.id())) {
                        methods.add(method);
                    }
                }
            }
            return new DriftDetector(reference, primary, List.copyOf(methods), Map.copyOf(thresholds),
                    minSamples, seed);
        }
    }
}
