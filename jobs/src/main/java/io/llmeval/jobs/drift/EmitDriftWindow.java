package io.llmeval.jobs.drift;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Window close of drift in a streaming job: the window's bottom-K sample judged by the {@link DriftJudge} of this
 * operator instance (model and reference loaded in {@link #open}).
 */
public class EmitDriftWindow
        extends ProcessWindowFunction<DriftSample, DriftWindow, Tuple2<String, String>, TimeWindow> {

    private final DriftConfig config;

    private transient DriftJudge judge;

    public EmitDriftWindow(DriftConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        judge = DriftJudge.open(config, getRuntimeContext());
    }

    @Override
    public void process(Tuple2<String, String> modelRoute, Context context, Iterable<DriftSample> samples,
                        Collector<DriftWindow> out) {
        TimeWindow window = context.window();
        out.collect(judge.judge(modelRoute.f0, modelRoute.f1, window.getStart(), window.getEnd(),
                samples.iterator().next().sampler()));
    }

    @Override
    public void close() throws Exception {
        if (judge != null) {
            judge.close();
        }
    }
}
