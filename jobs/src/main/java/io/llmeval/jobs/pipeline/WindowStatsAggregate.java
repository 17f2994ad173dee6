package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds the requests of one key-window into a {@link WindowStats}; state per window stays a few KB. */
public class WindowStatsAggregate implements AggregateFunction<RequestFacts, WindowStats, WindowStats> {

    @Override
    public WindowStats createAccumulator() {
        return new WindowStats();
    }

    @Override
    public WindowStats add(RequestFacts request, WindowStats stats) {
        stats.add(request);
        return stats;
    }

    @Override
    public WindowStats getResult(WindowStats stats) {
        return stats;
    }

    @Override
    public WindowStats merge(WindowStats a, WindowStats b) {
        return a.merge(b);
    }
}
