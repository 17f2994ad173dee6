package io.llmeval.jobs.stages;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Tumbling windows per (model, route, stage), with explicit state and event-time timers rather than a window
 * operator: a request and its stages belong to the window of the request span's <em>start</em>, but its stage
 * samples only exist once it has ended. So a window is written when the watermark passes its end +
 * {@code traceTimeout}, and a request that ends later than that is left out of it in every mode (counted as
 * {@code stage_requests_overlong}): the rule is on event times, so streaming and batch write the same rows.
 * A sample whose window was already written (late data, streaming only) is counted as {@code stage_samples_late}.
 */
public class StageWindowAggregator extends KeyedProcessFunction<Tuple3<String, String, String>, StageSample, StageWindow> {

    private final long windowMillis;
    private final long traceTimeoutMillis;

    private transient MapState<Long, StageStats> windows;
    private transient Counter overlong;
    private transient Counter late;

    public StageWindowAggregator(long windowMillis, long traceTimeoutMillis) {
        this.windowMillis = windowMillis;
        this.traceTimeoutMillis = traceTimeoutMillis;
    }

    @Override
    public void open(OpenContext context) {
        windows = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("stage-windows", Types.LONG, TypeInformation.of(StageStats.class)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("llm_eval");
        overlong = metrics.counter("stage_requests_overlong");
        late = metrics.counter("stage_samples_late");
    }

    @Override
    public void processElement(StageSample sample, Context ctx, Collector<StageWindow> out) throws Exception {
        long start = Math.floorDiv(sample.requestStartMillis, windowMillis) * windowMillis;
        long writeAt = start + windowMillis + traceTimeoutMillis;
        if (sample.requestEndMillis > writeAt) {
            overlong.inc();
            return;
        }
        if (ctx.timerService().currentWatermark() >= writeAt) {
            late.inc();
            return;
        }
        StageStats stats = windows.get(start);
        if (stats == null) {
            stats = new StageStats();
            ctx.timerService().registerEventTimeTimer(writeAt);
        }
        stats.add(sample);
        windows.put(start, stats);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StageWindow> out) throws Exception {
        long start = timestamp - traceTimeoutMillis - windowMillis;
        StageStats stats = windows.get(start);
        if (stats != null) {
            Tuple3<String, String, String> key = ctx.getCurrentKey();
            out.collect(StageWindow.of(key.f0, key.f1, key.f2, start, start + windowMillis, stats));
            windows.remove(start);
        }
    }
}
