package io.llmeval.jobs.inference;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's {@code llm-eval.inference.*} entries (the embedding model's options, {@code InferenceOptions} of the
 * inference module), carried as strings to the operators that run the model (semantic similarity, drift windows), which
 * read them with {@code EmbedderSettings.fromConfiguration} and {@code EmbeddingOperator.Builder#configure}. Strings, so
 * that job configuration classes load on a client without the inference jars.
 *
 * @param entries the {@code llm-eval.inference.*} keys and values, in key order
 */
public record InferenceSettings(Map<String, String> entries) implements Serializable {

    public static final String PREFIX = "llm-eval.inference.";

    public InferenceSettings {
        entries = Map.copyOf(entries);
    }

    public static InferenceSettings from(ReadableConfig config) {
        Map<String, String> entries = new TreeMap<>();
        config.toMap().forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                entries.put(key, value);
            }
        });
        return new InferenceSettings(entries);
    }

    /** The entries as a configuration, for the inference module's readers. */
    public Configuration asConfiguration() {
        return Configuration.fromMap(entries);
    }
}
