package io.llmeval.jobs.drift;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Samples a key-window's observations into a {@link DriftSample}. */
public class DriftSampleAggregate implements AggregateFunction<DriftObservation, DriftSample, DriftSample> {

    private final int capacity;
    private final long seed;

    public DriftSampleAggregate(int capacity, long seed) {
        this.capacity = capacity;
        this.seed = seed;
    }

    @Override
    public DriftSample createAccumulator() {
        return new DriftSample(capacity, seed);
    }

    @Override
    public DriftSample add(DriftObservation observation, DriftSample sample) {
        sample.offer(observation);
        return sample;
    }

    @Override
    public DriftSample getResult(DriftSample sample) {
        return sample;
    }

    @Override
    public DriftSample merge(DriftSample a, DriftSample b) {
        a.merge(b);
        return a;
    }
}
