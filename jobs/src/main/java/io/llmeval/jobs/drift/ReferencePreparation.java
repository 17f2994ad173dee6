package io.llmeval.jobs.drift;

import io.llmeval.inference.EmbedderSettings;
import io.llmeval.inference.SentenceEmbedder;
import org.apache.flink.configuration.ReadableConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code --reference PATH} of {@code stream}, {@code backfill} and {@code demo} does before the job starts: a
 * built reference directory is checked against the job's model settings and field (a mismatch fails now, with the
 * reason, not in a TaskManager later); a JSON-lines file of log records or {@code {"text"}} lines is embedded first,
 * into {@code OUTPUT/reference/} (a backfill embeds it into its work directory and publishes it there).
 */
public final class ReferencePreparation {

    public static final String BUILT_REFERENCE_DIR = "reference";

    private ReferencePreparation() {}

    /** Returns the reference directory the job reads; a JSON-lines file is embedded into {@code buildDir}. */
    public static Path prepare(Path reference, ReadableConfig config, String buildDir, PrintStream progress)
            throws IOException {
        EmbedderSettings embedder = EmbedderSettings.fromConfiguration(config);
        TextField field = TextField.fromId(config.get(DriftOptions.FIELD));
        if (Files.isDirectory(reference)) {
            // The metadata is enough here; the TaskManagers read the arrays (and check again) when they open.
            ReferenceDataset.readHeader(reference).requireCompatible(SentenceEmbedder.fingerprint(embedder.maxLength()),
                    field, "reference " + reference);
            return reference.toAbsolutePath();
        }
        if (!Files.isRegularFile(reference)) {
            throw new IllegalArgumentException("--reference: no such file or directory: " + reference);
        }
        if (buildDir.contains("://")) {
            throw new IllegalArgumentException("--reference FILE needs a local --output to build the reference in; "
                    + "build it with `llm-eval reference build` and pass the directory");
        }
        Path target = Path.of(buildDir.startsWith("file:") ? java.net.URI.create(buildDir).getPath() : buildDir)
                .toAbsolutePath();
        progress.println("llm-eval: embedding the reference " + reference + " into " + target);
        ReferenceBuilder builder = new ReferenceBuilder(field, ReferenceBuilder.DEFAULT_MAX_ROWS,
                config.get(DriftOptions.SEED), config.get(DriftOptions.MAX_TEXT_CHARS));
        try (SentenceEmbedder model = embedder.build(Runtime.getRuntime().availableProcessors())) {
            ReferenceBuilder.Result result = builder.build(List.of(reference.toString()), model, progress);
            result.dataset().write(target);
            progress.printf("llm-eval: reference of %d %s embeddings (%d distinct texts) in %s%n",
                    result.dataset().size(), field.id(), result.distinctTexts(), target);
        }
        return target;
    }
}
