package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

/**
 * Keeps the records whose event time lies in the run's {@link TimeRange}. Records outside it are not bad input, so
 * they are not dead letters: they are counted (metric {@code llm_eval.records_outside_time_range} and the accumulator
 * {@value #ACCUMULATOR}, which the backfill summary reports).
 */
public class KeepTimeRange extends RichFilterFunction<LogRecord> {

    public static final String ACCUMULATOR = "records_outside_time_range";

    private final TimeRange range;

    private transient Counter outside;
    private transient LongCounter outsideTotal;

    public KeepTimeRange(TimeRange range) {
        this.range = range;
    }

    @Override
    public void open(OpenContext openContext) {
        outside = getRuntimeContext().getMetricGroup().addGroup("llm_eval").counter("records_outside_time_range");
        outsideTotal = new LongCounter();
        getRuntimeContext().addAccumulator(ACCUMULATOR, outsideTotal);
    }

    @Override
    public boolean filter(LogRecord record) {
        if (range.contains(record.timestampMillis)) {
            return true;
        }
        outside.inc();
        outsideTotal.add(1);
        return false;
    }
}
