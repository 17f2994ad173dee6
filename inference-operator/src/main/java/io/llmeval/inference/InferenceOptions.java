package io.llmeval.inference;

import java.time.Duration;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Settings of the embedding model and its operator, with defaults; set them in {@code flink-conf/config.yaml} or
 * with {@code --conf key=value}. See {@code docs/inference.md}.
 */
public final class InferenceOptions {

    private InferenceOptions() {}

    public static final ConfigOption<Integer> MAX_LENGTH = ConfigOptions.key("llm-eval.inference.max-length")
            .intType()
            .defaultValue(256)
            .withDescription("Most WordPiece ids per text, [CLS] and [SEP] included; longer texts are truncated. "
                    + "256 is sentence-transformers' max_seq_length for all-MiniLM-L6-v2 (the tokenizer.json "
                    + "shipped with the model says 128); at most 512.");

    public static final ConfigOption<Integer> BATCH_MAX_RECORDS = ConfigOptions.key("llm-eval.inference.batch.max-records")
            .intType()
            .defaultValue(32)
            .withDescription("The operator runs a forward pass once this many records are buffered ...");

    public static final ConfigOption<Duration> BATCH_MAX_DELAY = ConfigOptions.key("llm-eval.inference.batch.max-delay")
            .durationType()
            .defaultValue(Duration.ofMillis(100))
            .withDescription("... or once the oldest buffered record has waited this long, whichever comes first.");

    public static final ConfigOption<Integer> FORWARD_BATCH_SIZE = ConfigOptions.key("llm-eval.inference.forward.batch-size")
            .intType()
            .defaultValue(SentenceEmbedder.DEFAULT_BATCH_SIZE)
            .withDescription("Most texts per forward pass; texts are sorted by length and cut into passes.");

    public static final ConfigOption<Integer> FORWARD_MAX_TOKENS = ConfigOptions.key("llm-eval.inference.forward.max-tokens")
            .intType()
            .defaultValue(SentenceEmbedder.DEFAULT_MAX_BATCH_TOKENS)
            .withDescription("Most tokens per forward pass; bounds the off-heap workspace (about 16 KB per token, "
                    + "plus 12 x longest^2 attention scores).");

    public static final ConfigOption<Integer> THREADS = ConfigOptions.key("llm-eval.inference.threads")
            .intType()
            .defaultValue(0)
            .withDescription("Cores per task slot for the model: independent forward passes run on this many threads "
                    + "at once (the task thread and its helpers), each single-threaded; 0 means the TaskManager's "
                    + "cores divided by its task slots.");

    public static final ConfigOption<String> MODEL_DIR = ConfigOptions.key("llm-eval.inference.model-dir")
            .stringType()
            .noDefaultValue()
            .withDescription("Directory holding all-minilm-l6-v2.onnx and all-minilm-l6-v2-tokenizer.json; unset "
                    + "reads them from the langchain4j model jar on the classpath. Checksums are verified either way.");

    public static final ConfigOption<String> GPU_RESOURCE = ConfigOptions.key("llm-eval.inference.gpu.resource")
            .stringType()
            .defaultValue("gpu")
            .withDescription("Name of the Flink external resource whose 'index' property picks the CUDA device "
                    + "of a task (cuda build only).");
}
