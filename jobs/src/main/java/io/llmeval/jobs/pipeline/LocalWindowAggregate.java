package io.llmeval.jobs.pipeline;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.HashMap;
import java.util.Map;

/**
 * Batch pre-aggregation: folds the requests one subtask reads into a {@link WindowPartial} per (model, route, window),
 * with the same window assigner as the streaming windows, and emits the partials at the end of its input, so that only
 * partials (a few KB per key-window) leave the subtask instead of every request. When more than {@code maxOpenWindows}
 * are open it emits them all and starts again: partials merge exactly, so an early flush only costs a little more
 * output, never a different result, and memory stays bounded whatever the input's time span.
 *
 * <p>For batch jobs only: its map is not Flink state because batch jobs take no checkpoints (a failed unit of a
 * backfill is run again from its files).
 */
public class LocalWindowAggregate extends AbstractStreamOperator<WindowPartial>
        implements OneInputStreamOperator<RequestFacts, WindowPartial>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final WindowAssigner<Object, TimeWindow> windows;
    private final int maxOpenWindows;

    private transient Map<OpenWindow, WindowPartial> open;
    private transient WindowAssigner.WindowAssignerContext assignerContext;

    private record OpenWindow(String model, String route, long startMillis) {}

    public LocalWindowAggregate(WindowAssigner<Object, TimeWindow> windows, int maxOpenWindows) {
        if (maxOpenWindows < 1) {
            throw new IllegalArgumentException("maxOpenWindows must be at least 1 but was " + maxOpenWindows);
        }
        this.windows = windows;
        this.maxOpenWindows = maxOpenWindows;
    }

    @Override
    public void open() throws Exception {
        super.open();
        open = new HashMap<>();
        assignerContext = new WindowAssigner.WindowAssignerContext() {
            @Override
            public long getCurrentProcessingTime() {
                return getProcessingTimeService().getCurrentProcessingTime();
            }
        };
    }

    @Override
    public void processElement(StreamRecord<RequestFacts> element) {
        RequestFacts request = element.getValue();
        for (TimeWindow window : windows.assignWindows(request, element.getTimestamp(), assignerContext)) {
            open.computeIfAbsent(new OpenWindow(request.model, request.route, window.getStart()),
                            key -> new WindowPartial(request.model, request.route, window.getStart(), window.getEnd(),
                                    new WindowStats()))
                    .stats.add(request);
        }
        if (open.size() > maxOpenWindows) {
            emitAll();
        }
    }

    @Override
    public void endInput() {
        emitAll();
    }

    private void emitAll() {
        for (WindowPartial partial : open.values()) {
            output.collect(new StreamRecord<>(partial, partial.windowEndMillis - 1));
        }
        open.clear();
    }
}
