package io.llmeval.jobs.drift;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** A backfill's merged drift sample of one key-window, judged by the {@link DriftJudge} of this operator instance. */
public class JudgeDriftPartial extends RichMapFunction<DriftPartial, DriftWindow> {

    private final DriftConfig config;

    private transient DriftJudge judge;

    public JudgeDriftPartial(DriftConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        judge = DriftJudge.open(config, getRuntimeContext());
    }

    @Override
    public DriftWindow map(DriftPartial merged) {
        return judge.judge(merged.model, merged.route, merged.windowStartMillis, merged.windowEndMillis,
                merged.sample.sampler());
    }

    @Override
    public void close() throws Exception {
        if (judge != null) {
            judge.close();
        }
    }
}
