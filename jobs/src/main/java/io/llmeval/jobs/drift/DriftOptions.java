package io.llmeval.jobs.drift;

import io.llmeval.udfs.drift.DriftDetector;
import io.llmeval.udfs.drift.DriftMethods;
import io.llmeval.udfs.drift.ReservoirSampler;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/**
 * The {@code llm-eval.drift.*} keys of embedding and length drift, with their defaults (docs/drift.md). Drift
 * runs only when {@link #REFERENCE} is set ({@code --reference} on the command line).
 */
public final class DriftOptions {

    private DriftOptions() {}

    public static final ConfigOption<String> REFERENCE = ConfigOptions.key("llm-eval.drift.reference")
            .stringType()
            .noDefaultValue()
            .withDescription("Reference directory written by `llm-eval reference build` (the CLI also accepts a "
                    + "JSON-lines file and builds the directory at start-up). Unset: no drift columns.");

    public static final ConfigOption<String> FIELD = ConfigOptions.key("llm-eval.drift.field")
            .stringType()
            .defaultValue(TextField.PROMPT.id())
            .withDescription("Which text is embedded: prompt or response. Must match the reference's field.");

    public static final ConfigOption<Duration> WINDOW_SIZE = ConfigOptions.key("llm-eval.drift.window.size")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("Tumbling event-time window of the drift verdicts, per (model, route). Longer than the "
                    + "metric windows: a verdict needs hundreds of samples.");

    public static final ConfigOption<Integer> SAMPLE_SIZE = ConfigOptions.key("llm-eval.drift.sample-size")
            .intType()
            .defaultValue(ReservoirSampler.DEFAULT_CAPACITY)
            .withDescription("Records sampled per key-window (bottom-K by a seeded hash of request_id); only these "
                    + "are embedded.");

    public static final ConfigOption<Integer> MIN_SAMPLES = ConfigOptions.key("llm-eval.drift.min-samples")
            .intType()
            .defaultValue(DriftDetector.DEFAULT_MIN_SAMPLES)
            .withDescription("Below this many sampled records a window says insufficient_samples instead of a verdict.");

    public static final ConfigOption<String> METHOD = ConfigOptions.key("llm-eval.drift.method")
            .stringType()
            .defaultValue(DriftMethods.DEFAULT_ID)
            .withDescription("Primary method, whose score and verdict are drift_score and drift_detected: "
                    + "domain_classifier, component_share, mean_distance or mmd.");

    public static final ConfigOption<Boolean> ALL_METHODS = ConfigOptions.key("llm-eval.drift.all-methods")
            .booleanType()
            .defaultValue(true)
            .withDescription("Also run the other methods and write their values (about 0.1 s more per window close).");

    public static final ConfigOption<Integer> MAX_REFERENCE_SIZE = ConfigOptions.key("llm-eval.drift.max-reference-size")
            .intType()
            .defaultValue(DriftDetector.DEFAULT_MAX_REFERENCE_SIZE)
            .withDescription("Reference vectors compared per key (a seeded uniform subsample of the reference).");

    public static final ConfigOption<String> REFERENCE_SCOPE = ConfigOptions.key("llm-eval.drift.reference-scope")
            .stringType()
            .defaultValue(ReferenceScope.PER_KEY.id())
            .withDescription("per-key: each (model, route) is compared with the reference rows of the same key when "
                    + "it has at least min-reference-per-key of them, else with all rows; global: all rows for every key.");

    public static final ConfigOption<Integer> MIN_REFERENCE_PER_KEY = ConfigOptions.key("llm-eval.drift.min-reference-per-key")
            .intType()
            .defaultValue(200)
            .withDescription("Fewest reference rows of a key for a per-key reference.");

    public static final ConfigOption<Long> SEED = ConfigOptions.key("llm-eval.drift.seed")
            .longType()
            .defaultValue(ReservoirSampler.DEFAULT_SEED)
            .withDescription("Seed of the window samples, the reference subsample and the methods' random choices.");

    public static final ConfigOption<Integer> EMBEDDING_CACHE_SIZE = ConfigOptions.key("llm-eval.drift.embedding-cache-size")
            .intType()
            .defaultValue(20_000)
            .withDescription("Distinct texts whose embeddings each drift operator keeps (LRU, ~1.6 KB each): "
                    + "templated traffic repeats prompts, so most window closes embed few new texts. 0 disables.");

    public static final ConfigOption<Integer> MAX_TEXT_CHARS = ConfigOptions.key("llm-eval.drift.max-text-chars")
            .intType()
            .defaultValue(2048)
            .withDescription("Characters of the text kept per sampled record; the model reads at most "
                    + "llm-eval.inference.max-length tokens (256 by default, about 1,000 characters of English).");
}
