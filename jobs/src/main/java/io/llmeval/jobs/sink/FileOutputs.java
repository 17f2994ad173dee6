package io.llmeval.jobs.sink;

import io.llmeval.jobs.alerts.AlertEvent;
import io.llmeval.jobs.drift.DriftWindow;
import io.llmeval.jobs.pipeline.WindowMetrics;
import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.stages.StageWindow;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * File sinks of the output directory layout (the CLI contract):
 * {@code DIR/windows/*.jsonl}, {@code DIR/windows-csv/*.csv}, {@code DIR/dead-letters/*.jsonl}, alert events in
 * {@code DIR/alerts/*.jsonl} and, with a drift reference, drift verdicts in {@code DIR/drift/*.jsonl}.
 * In streaming mode part files become visible when a checkpoint completes (and at the end of bounded input).
 */
public final class FileOutputs {

    public static final String WINDOWS_DIR = "windows";
    public static final String WINDOWS_CSV_DIR = "windows-csv";
    public static final String DEAD_LETTERS_DIR = "dead-letters";
    public static final String DRIFT_DIR = "drift";
    public static final String ALERTS_DIR = "alerts";
    public static final String STAGES_DIR = "stages";

    private FileOutputs() {}

    /**
     * Creates the output directories up front when they are local, so that a run with no dead letters
     * still leaves an (empty) {@code dead-letters/} for tools that list it.
     */
    public static void createLocalDirectories(String outputDir) throws java.io.IOException {
        java.net.URI uri = new Path(outputDir).toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            java.nio.file.Path root = java.nio.file.Path.of(uri.getPath());
            for (String subdir : new String[] {WINDOWS_DIR, WINDOWS_CSV_DIR, DEAD_LETTERS_DIR, ALERTS_DIR}) {
                java.nio.file.Files.createDirectories(root.resolve(subdir));
            }
        }
    }

    public static FileSink<WindowMetrics> windowsJson(String outputDir) {
        return jsonLines(outputDir, WINDOWS_DIR, "windows", new JsonLineEncoder<>(OutputJson::windowToJson));
    }

    public static FileSink<WindowMetrics> windowsCsv(String outputDir) {
        return FileSink.forBulkFormat(new Path(outputDir, WINDOWS_CSV_DIR), new WindowCsvWriterFactory())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("windows").withPartSuffix(".csv").build())
                .build();
    }

    public static FileSink<DeadLetter> deadLetters(String outputDir) {
        return jsonLines(outputDir, DEAD_LETTERS_DIR, "dead-letters", new JsonLineEncoder<>(OutputJson::deadLetterToJson));
    }

    /** Drift verdicts per key-window, {@code DIR/drift/*.jsonl} (runs with a reference only). */
    public static FileSink<DriftWindow> driftJson(String outputDir) {
        return jsonLines(outputDir, DRIFT_DIR, "drift", new JsonLineEncoder<>(OutputJson::driftWindowToJson));
    }

    /** Stage breakdown per (window, model, route, stage), {@code DIR/stages/*.jsonl} (span input only). */
    public static FileSink<StageWindow> stagesJson(String outputDir) {
        return jsonLines(outputDir, STAGES_DIR, "stages", new JsonLineEncoder<>(OutputJson::stageWindowToJson));
    }

    public static FileSink<AlertEvent> alerts(String outputDir) {
        return jsonLines(outputDir, ALERTS_DIR, "alerts", new JsonLineEncoder<>(OutputJson::alertToJson));
    }

    private static <T> FileSink<T> jsonLines(String outputDir, String subdir, String prefix, Encoder<T> encoder) {
        return FileSink.forRowFormat(new Path(outputDir, subdir), encoder)
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".jsonl").build())
                .build();
    }

    /** Writes each element as one UTF-8 JSON line. */
    static final class JsonLineEncoder<T> implements Encoder<T> {
        private static final long serialVersionUID = 1L;
        private final SerializableFunction<T> toJson;

        JsonLineEncoder(SerializableFunction<T> toJson) {
            this.toJson = toJson;
        }

        @Override
        public void encode(T element, java.io.OutputStream stream) throws java.io.IOException {
            stream.write(toJson.apply(element).getBytes(StandardCharsets.UTF_8));
            stream.write('\n');
        }
    }

    /** A serializable element-to-JSON function. */
    interface SerializableFunction<T> extends Function<T, String>, java.io.Serializable {}
}
