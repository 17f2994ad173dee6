package io.llmeval.jobs.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.schema.LogRecordParser;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What a finished backfill found, counted from its output: records in windows, dead letters by reason, windows,
 * alert incidents, drift windows, damaged files; with the input size and wall time for its rate.
 */
public record BackfillSummary(String output, long inputBytes, int inputFiles, int skippedByPartition, Duration wall,
                              long windows, long recordsCounted, Map<String, Long> deadLettersByReason,
                              long recordsOutsideTimeRange, long alertEvents, long alertIncidents, long driftWindows,
                              long driftDetected, List<String> damagedFiles) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static BackfillSummary of(Path outputDir, String output, BackfillPlan plan, long recordsOutsideTimeRange,
                              Duration wall) throws IOException {
        FileSystem fs = outputDir.getFileSystem();
        long[] windows = new long[2];
        forEachLine(fs, new Path(outputDir, FileOutputs.WINDOWS_DIR), node -> {
            windows[0]++;
            windows[1] += node.path("request_count").asLong();
        });
        Map<String, Long> reasons = new TreeMap<>();
        TreeSet<String> damaged = new TreeSet<>();
        forEachLine(fs, new Path(outputDir, FileOutputs.DEAD_LETTERS_DIR), node -> {
            String reason = node.path("reason").asText();
            reasons.merge(reason, 1L, Long::sum);
            if (LogRecordParser.UNREADABLE_INPUT.equals(reason)) {
                damaged.add(fileOf(node.path("source").asText()));
            }
        });
        long[] alerts = new long[2];
        forEachLine(fs, new Path(outputDir, FileOutputs.ALERTS_DIR), node -> {
            alerts[0]++;
            if ("firing".equals(node.path("state").asText())) {
                alerts[1]++;
            }
        });
        long[] drift = new long[2];
        forEachLine(fs, new Path(outputDir, FileOutputs.DRIFT_DIR), node -> {
            drift[0]++;
            if (node.path("drift_detected").asBoolean()) {
                drift[1]++;
            }
        });
        return new BackfillSummary(output, plan.totalBytes(), plan.files().size(), plan.skippedByPartition(), wall,
                windows[0], windows[1], reasons, recordsOutsideTimeRange, alerts[0], alerts[1], drift[0], drift[1],
                List.copyOf(damaged));
    }

    public long deadLetters() {
        return deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public double megabytesPerSecond() {
        return inputBytes / 1e6 / Math.max(1e-3, wall.toMillis() / 1000.0);
    }

    /** The summary as the command prints it: one headline and a few indented lines. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("llm-eval backfill: wrote %s in %.1f s (%,.1f MB/s: %,.1f MB in %,d files%s)", output,
                wall.toMillis() / 1000.0, megabytesPerSecond(), inputBytes / 1e6, inputFiles,
                skippedByPartition == 0 ? "" : "; " + skippedByPartition + " files outside --from/--to not opened"));
        lines.add(String.format("  records: %,d counted in %,d windows, %,d dead letters%s%s", recordsCounted, windows,
                deadLetters(), deadLettersByReason.isEmpty() ? "" : " " + deadLettersByReason,
                recordsOutsideTimeRange == 0 ? "" : String.format(", %,d outside --from/--to", recordsOutsideTimeRange)));
        lines.add(String.format("  alerts: %,d incident%s (%,d events)%s", alertIncidents, alertIncidents == 1 ? "" : "s",
                alertEvents,
                driftWindows == 0 ? "" : String.format("; drift: %,d windows, %,d drifted", driftWindows, driftDetected)));
        if (!damagedFiles.isEmpty()) {
            lines.add("  damaged files: " + String.join(", ", damagedFiles));
        }
        return lines;
    }

    /** One line naming the damaged files, or {@code null} when there are none. */
    public String damagedFilesWarning() {
        return damagedFilesWarning("backfill", damagedFiles);
    }

    /** {@code llm-eval COMMAND: warning: N damaged input files ...: a, b}, or {@code null} for none. */
    public static String damagedFilesWarning(String command, List<String> files) {
        return files.isEmpty() ? null : String.format(
                "llm-eval %s: warning: %d damaged input file%s read up to the damage (unreadable_input dead letters): %s",
                command, files.size(), files.size() == 1 ? "" : "s", String.join(", ", files));
    }

    /** The files named by the {@code unreadable_input} dead letters of an output directory, sorted. */
    public static List<String> damagedFiles(Path outputDir) throws IOException {
        TreeSet<String> damaged = new TreeSet<>();
        forEachLine(outputDir.getFileSystem(), new Path(outputDir, FileOutputs.DEAD_LETTERS_DIR), node -> {
            if (LogRecordParser.UNREADABLE_INPUT.equals(node.path("reason").asText())) {
                damaged.add(fileOf(node.path("source").asText()));
            }
        });
        return List.copyOf(damaged);
    }

    private static String fileOf(String source) {
        int colon = source.lastIndexOf(':');
        return colon > 0 ? source.substring(0, colon) : source;
    }

    private static void forEachLine(FileSystem fs, Path dir, Consumer<JsonNode> action) throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus file : fs.listStatus(dir)) {
            String name = file.getPath().getName();
            if (file.isDir() || name.startsWith(".") || name.startsWith("_") || !name.endsWith(".jsonl")) {
                continue;
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file.getPath()),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        action.accept(JSON.readTree(line));
                    }
                }
            }
        }
    }
}
