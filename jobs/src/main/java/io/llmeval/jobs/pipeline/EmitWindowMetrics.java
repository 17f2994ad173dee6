package io.llmeval.jobs.pipeline;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns the accumulated stats of a closed window into its {@link WindowMetrics}, stamped with key and window. */
public class EmitWindowMetrics
        extends ProcessWindowFunction<WindowStats, WindowMetrics, Tuple2<String, String>, TimeWindow> {

    @Override
    public void process(Tuple2<String, String> modelRoute, Context context, Iterable<WindowStats> stats,
                        Collector<WindowMetrics> out) {
        WindowStats windowStats = stats.iterator().next();
        TimeWindow window = context.window();
        out.collect(WindowMetrics.of(modelRoute.f0, modelRoute.f1, window.getStart(), window.getEnd(), windowStats));
    }
}
