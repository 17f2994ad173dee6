package io.llmeval.inference;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Paths;
import java.util.Objects;

import io.llmeval.inference.model.ModelFiles;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Serializable settings from which each parallel instance of an operator builds its {@link SentenceEmbedder}.
 *
 * <pre>{@code
 * EmbedderSettings settings = EmbedderSettings.fromConfiguration(env.getConfiguration());
 * }</pre>
 *
 * @param maxLength most token ids per text, special tokens included
 * @param batchSize most texts per forward pass
 * @param maxBatchTokens most tokens per forward pass
 * @param threads cores (threads running forward passes); 0 = cores / task slots of the TaskManager
 * @param modelDir directory with the model files, or {@code null} for the classpath
 * @param gpuResourceName Flink external resource that lists this TaskManager's GPUs
 */
public record EmbedderSettings(int maxLength, int batchSize, int maxBatchTokens, int threads, String modelDir,
        String gpuResourceName) implements Serializable {

    public EmbedderSettings {
        Objects.requireNonNull(gpuResourceName, "gpuResourceName");
    }

    /** The defaults of {@link InferenceOptions}. */
    public static EmbedderSettings defaults() {
        return new EmbedderSettings(InferenceOptions.MAX_LENGTH.defaultValue(),
                InferenceOptions.FORWARD_BATCH_SIZE.defaultValue(), InferenceOptions.FORWARD_MAX_TOKENS.defaultValue(),
                InferenceOptions.THREADS.defaultValue(), null, InferenceOptions.GPU_RESOURCE.defaultValue());
    }

    /** Reads the {@code llm-eval.inference.*} keys of {@link InferenceOptions}. */
    public static EmbedderSettings fromConfiguration(ReadableConfig config) {
        return new EmbedderSettings(config.get(InferenceOptions.MAX_LENGTH),
                config.get(InferenceOptions.FORWARD_BATCH_SIZE), config.get(InferenceOptions.FORWARD_MAX_TOKENS),
                config.get(InferenceOptions.THREADS), config.getOptional(InferenceOptions.MODEL_DIR).orElse(null),
                config.get(InferenceOptions.GPU_RESOURCE));
    }

    public EmbedderSettings withMaxLength(int value) {
        return new EmbedderSettings(value, batchSize, maxBatchTokens, threads, modelDir, gpuResourceName);
    }

    public EmbedderSettings withThreads(int value) {
        return new EmbedderSettings(maxLength, batchSize, maxBatchTokens, value, modelDir, gpuResourceName);
    }

    public EmbedderSettings withModelDir(String value) {
        return new EmbedderSettings(maxLength, batchSize, maxBatchTokens, threads, value, gpuResourceName);
    }

    ModelFiles modelFiles() {
        return modelDir == null ? ModelFiles.classpath() : ModelFiles.fromDirectory(Paths.get(modelDir));
    }

    /** Builds an embedder; {@code defaultThreads} applies when {@link #threads()} is 0. */
    public SentenceEmbedder build(int defaultThreads) throws IOException {
        return SentenceEmbedder.builder()
                .modelFiles(modelFiles())
                .maxLength(maxLength)
                .batchSize(batchSize)
                .maxBatchTokens(maxBatchTokens)
                .threads(threads > 0 ? threads : defaultThreads)
                .build();
    }
}
