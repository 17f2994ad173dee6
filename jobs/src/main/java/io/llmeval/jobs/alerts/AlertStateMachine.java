package io.llmeval.jobs.alerts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns the window verdicts of one (alert, model, route) into incidents, with {@code sql/alerts.sql}'s semantics.
 * An incident is a run of at least {@code consecutiveWindows} breached windows, each starting where the previous
 * one ended. It yields exactly two events, whatever its length:
 *
 * <ul>
 *   <li>{@code firing} when its {@code consecutiveWindows}-th window arrives: window_start = start of its first
 *       window, window_end = end of that window, value and exemplars = that window's;
 *   <li>{@code resolved} when the key's next window is unbreached or does not follow on (a window without
 *       traffic ends an incident): window_start/window_end = the whole incident, breached_windows = its length,
 *       value = the resolving window's.
 * </ul>
 *
 * <p>A shorter run raises nothing. An incident still open when bounded input ends has only its firing event; a key
 * that stops sending resolves with its next window, whenever that comes.
 *
 * <p>Samples of a key must arrive in window order, as a window operator emits them (its timers fire in time order;
 * in batch mode Flink sorts a keyed input by key and timestamp). Windows of any length work; adjacency is decided on
 * the samples' own bounds. A sample for a window at or before the run's last one (a late firing with allowed
 * lateness above 0) is ignored: a window counts on its first firing. The only state is the open run of breached
 * windows ({@link OpenRun}, three numbers), cleared by the first unbreached window: clean keys hold no state.
 *
 * <pre>{@code
 * samples.keyBy(AlertSample::key, TypeInformation.of(AlertKey.class))
 *        .process(new AlertStateMachine(2));
 * }</pre>
 */
public class AlertStateMachine extends KeyedProcessFunction<AlertKey, AlertSample, AlertEvent> {

    /**
     * The key's current run of adjacent breached windows.
     *
     * @param startMillis start of the run's first window
     * @param lastWindowEndMillis end of its latest window
     * @param breachedWindows its length
     */
    public record OpenRun(long startMillis, long lastWindowEndMillis, int breachedWindows) {}

    private final int consecutiveWindows;
    private transient ValueState<OpenRun> openRun;

    public AlertStateMachine(int consecutiveWindows) {
        if (consecutiveWindows < 1) {
            throw new IllegalArgumentException("consecutive windows must be >= 1, got " + consecutiveWindows);
        }
        this.consecutiveWindows = consecutiveWindows;
    }

    @Override
    public void open(OpenContext context) {
        openRun = getRuntimeContext().getState(new ValueStateDescriptor<>("open-run", TypeInformation.of(OpenRun.class)));
    }

    @Override
    public void processElement(AlertSample sample, Context context, Collector<AlertEvent> out) throws Exception {
        OpenRun run = openRun.value();
        if (run != null && sample.windowEndMillis() <= run.lastWindowEndMillis()) {
            return;
        }
        boolean continues = run != null && sample.breached() && followsOn(run, sample);
        if (run != null && !continues && run.breachedWindows() >= consecutiveWindows) {
            out.collect(resolved(run, sample));
        }
        if (!sample.breached()) {
            openRun.clear();
            return;
        }
        OpenRun next = continues
                ? new OpenRun(run.startMillis(), sample.windowEndMillis(), run.breachedWindows() + 1)
                : new OpenRun(sample.windowStartMillis(), sample.windowEndMillis(), 1);
        if (next.breachedWindows() == consecutiveWindows) {
            out.collect(firing(next, sample));
        }
        openRun.update(next);
    }

    /** The window starts where the run's latest one ended. */
    private static boolean followsOn(OpenRun run, AlertSample sample) {
        return sample.windowStartMillis() == run.lastWindowEndMillis();
    }

    private static AlertEvent firing(OpenRun run, AlertSample sample) {
        return new AlertEvent(sample.alert(), AlertState.FIRING, sample.model(), sample.route(), run.startMillis(),
                sample.windowEndMillis(), sample.value(), sample.threshold(), run.breachedWindows(), sample.exemplars());
    }

    private static AlertEvent resolved(OpenRun incident, AlertSample sample) {
        return new AlertEvent(sample.alert(), AlertState.RESOLVED, sample.model(), sample.route(), incident.startMillis(),
                incident.lastWindowEndMillis(), sample.value(), sample.threshold(), incident.breachedWindows(), null);
    }
}
