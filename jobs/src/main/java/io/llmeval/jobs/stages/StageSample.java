package io.llmeval.jobs.stages;

import java.util.Arrays;
import java.util.Objects;

/**
 * The spans of one stage in one request, as the trace assembler attributes them: what a stage window adds up.
 * A request and its stages belong to the window of the request span's start.
 */
public class StageSample {
    public String model;
    public String route;
    public String stage;
    public String traceId;
    public long requestStartMillis;
    /** End of the request span, in ms rounded up. */
    public long requestEndMillis;
    public long requestLatencyNanos;
    /** Duration of each span of the stage in the request. */
    public long[] durationsNanos;

    public StageSample() {}

    public long stageNanos() {
        long sum = 0;
        for (long d : durationsNanos) {
            sum += d;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StageSample that && requestStartMillis == that.requestStartMillis
                && requestEndMillis == that.requestEndMillis && requestLatencyNanos == that.requestLatencyNanos
                && Objects.equals(model, that.model) && Objects.equals(route, that.route)
                && Objects.equals(stage, that.stage) && Objects.equals(traceId, that.traceId)
                && Arrays.equals(durationsNanos, that.durationsNanos);
    }

    @Override
    public int hashCode() {
        return Objects.hash(traceId, stage);
    }

    @Override
    public String toString() {
        return "StageSample{" + model + "/" + route + " " + stage + " " + traceId + " " + Arrays.toString(durationsNanos) + "}";
    }
}
