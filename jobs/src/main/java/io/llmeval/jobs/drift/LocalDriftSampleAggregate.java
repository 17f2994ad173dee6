package io.llmeval.jobs.drift;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.HashMap;
import java.util.Map;

/**
 * Batch pre-aggregation of drift: folds the observations one subtask reads into a bottom-K {@link DriftSample} per
 * (model, route, drift window) and emits the partials at the end of its input. When the open samples hold more than
 * {@code maxOpenItems} texts it emits them all and starts again (samples merge exactly, so this bounds memory without
 * changing any result). Batch jobs only, like {@link io.llmeval.jobs.pipeline.LocalWindowAggregate}.
 */
public class LocalDriftSampleAggregate extends AbstractStreamOperator<DriftPartial>
        implements OneInputStreamOperator<DriftObservation, DriftPartial>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final long windowMillis;
    private final int sampleSize;
    private final long seed;
    private final long maxOpenItems;

    private transient Map<OpenWindow, DriftPartial> open;
    private transient long openItems;

    private record OpenWindow(String model, String route, long startMillis) {}

    public LocalDriftSampleAggregate(DriftConfig config, long maxOpenItems) {
        if (maxOpenItems < 1) {
            throw new IllegalArgumentException("maxOpenItems must be at least 1 but was " + maxOpenItems);
        }
        this.windowMillis = config.windowSize().toMillis();
        this.sampleSize = config.sampleSize();
        this.seed = config.seed();
        this.maxOpenItems = maxOpenItems;
    }

    @Override
    public void open() throws Exception {
        super.open();
        open = new HashMap<>();
        openItems = 0;
    }

    @Override
    public void processElement(StreamRecord<DriftObservation> element) {
        DriftObservation observation = element.getValue();
        long start = element.getTimestamp() - Math.floorMod(element.getTimestamp(), windowMillis); // tumbling, aligned
        DriftPartial partial = open.computeIfAbsent(new OpenWindow(observation.model, observation.route, start),
                key -> new DriftPartial(observation.model, observation.route, start, start + windowMillis,
                        new DriftSample(sampleSize, seed)));
        int before = partial.sample.sampler().size();
        partial.sample.offer(observation);
        openItems += partial.sample.sampler().size() - before;
        if (openItems > maxOpenItems) {
            emitAll();
        }
    }

    @Override
    public void endInput() {
        emitAll();
    }

    private void emitAll() {
        for (DriftPartial partial : open.values()) {
            output.collect(new StreamRecord<>(partial, partial.windowEndMillis - 1));
        }
        open.clear();
        openItems = 0;
    }
}
