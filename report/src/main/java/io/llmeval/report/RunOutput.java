package io.llmeval.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one output directory holds, as read by {@link OutputDirectoryReader}: the rows of each folder (empty when
 * the folder is absent) and, per folder, how many lines could not be read (they are counted, never dropped silently).
 */
public record RunOutput(
        Path directory, List<WindowRow> windows, List<DriftRow> drift, List<AlertRow> alerts,
        List<DeadLetterRow> deadLetters, List<StageRow> stages, Map<String, Long> unreadableLines) {

    public RunOutput {
        windows = List.copyOf(windows);
        drift = List.copyOf(drift);
        alerts = List.copyOf(alerts);
        deadLetters = List.copyOf(deadLetters);
        stages = List.copyOf(stages);
        unreadableLines = Map.copyOf(unreadableLines);
    }
}
