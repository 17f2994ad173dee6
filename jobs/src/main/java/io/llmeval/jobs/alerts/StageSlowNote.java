package io.llmeval.jobs.alerts;

import io.llmeval.jobs.stages.StageWindow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Notes on each {@code latency_p95_high} firing event of span input which stage slowed down, keyed by (model, route):
 * the stage whose {@code share_of_latency} in the window that fired grew most against its mean over the
 * {@link #BASELINE_WINDOWS} windows before the incident began (a stage new in the window grew from 0). The event then
 * carries {@code stage_slow} and, as exemplars, the traces that spent longest in that stage in that window.
 *
 * <p>A window's stage rows are written {@code traceTimeout} after it ends, so the key's {@code latency_p95_high}
 * events (firing and resolved, in order) wait until then; events of other rules never come here. Stage rows are kept
 * as long as an incident's firing can still look back on them: {@code (BASELINE_WINDOWS + consecutiveWindows)}
 * windows plus the timeout. Decisions depend on event times only, so streaming and batch note the same stage.
 */
public class StageSlowNote extends KeyedCoProcessFunction<Tuple2<String, String>, AlertEvent, StageWindow, AlertEvent> {

    /** Windows before an incident that make the baseline of each stage's share. */
    public static final int BASELINE_WINDOWS = 5;

    private final long windowMillis;
    private final long traceTimeoutMillis;
    private final long retentionMillis;

    private transient ListState<AlertEvent> pending;
    private transient MapState<Long, List<StageWindow>> stageRows;

    public StageSlowNote(long windowMillis, long traceTimeoutMillis, int consecutiveWindows) {
        this.windowMillis = windowMillis;
        this.traceTimeoutMillis = traceTimeoutMillis;
        this.retentionMillis = (BASELINE_WINDOWS + consecutiveWindows) * windowMillis + traceTimeoutMillis;
    }

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("latency-events", TypeInformation.of(AlertEvent.class)));
        stageRows = getRuntimeContext().getMapState(new MapStateDescriptor<>("stage-rows", Types.LONG,
                Types.LIST(TypeInformation.of(StageWindow.class))));
    }

    @Override
    public void processElement1(AlertEvent event, Context ctx, Collector<AlertEvent> out) throws Exception {
        pending.add(event);
        ctx.timerService().registerEventTimeTimer(event.windowEndMillis() + traceTimeoutMillis);
    }

    @Override
    public void processElement2(StageWindow row, Context ctx, Collector<AlertEvent> out) throws Exception {
        List<StageWindow> rows = stageRows.get(row.windowStartMillis);
        rows = rows == null ? new ArrayList<>() : new ArrayList<>(rows);
        rows.add(row);
        stageRows.put(row.windowStartMillis, rows);
        ctx.timerService().registerEventTimeTimer(row.windowEndMillis + retentionMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        List<AlertEvent> due = new ArrayList<>();
        List<AlertEvent> waiting = new ArrayList<>();
        for (AlertEvent event : pending.get()) {
            (event.windowEndMillis() + traceTimeoutMillis <= timestamp ? due : waiting).add(event);
        }
        due.sort(Comparator.comparingLong(AlertEvent::windowEndMillis).thenComparing(AlertEvent::state));
        for (AlertEvent event : due) {
            out.collect(event.state() == AlertState.FIRING ? annotate(event) : event);
        }
        pending.update(waiting);
        List<Long> expired = new ArrayList<>();
        for (Long start : stageRows.keys()) {
            if (start + windowMillis + retentionMillis <= timestamp) {
                expired.add(start);
            }
        }
        for (Long start : expired) {
            stageRows.remove(start);
        }
    }

    /** The firing event with the stage whose share grew most, or as it is when no stage grew. */
    AlertEvent annotate(AlertEvent firing) throws Exception {
        List<StageWindow> current = stageRows.get(firing.windowEndMillis() - windowMillis);
        if (current == null) {
            return firing;
        }
        Map<String, double[]> baseline = new HashMap<>(); // stage -> {sum of shares, windows}
        for (int i = 1; i <= BASELINE_WINDOWS; i++) {
            List<StageWindow> rows = stageRows.get(firing.windowStartMillis() - i * windowMillis);
            for (StageWindow row : rows == null ? List.<StageWindow>of() : rows) {
                if (!Double.isNaN(row.shareOfLatency)) {
                    double[] acc = baseline.computeIfAbsent(row.stage, s -> new double[2]);
                    acc[0] += row.shareOfLatency;
                    acc[1]++;
                }
            }
        }
        StageWindow slowest = null;
        double mostGrowth = 0;
        for (StageWindow row : current.stream().sorted(Comparator.comparing((StageWindow r) -> r.stage)).toList()) {
            double[] acc = baseline.get(row.stage);
            double growth = row.shareOfLatency - (acc == null ? 0 : acc[0] / acc[1]);
            if (growth > mostGrowth) {
                mostGrowth = growth;
                slowest = row;
            }
        }
        return slowest == null ? firing : firing.withStageSlow(slowest.stage, slowest.exemplars);
    }
}
