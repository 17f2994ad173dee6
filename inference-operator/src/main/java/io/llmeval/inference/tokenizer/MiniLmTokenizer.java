package io.llmeval.inference.tokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.llmeval.inference.NativeEnvironment;
import io.llmeval.inference.model.MiniLmConfig;

/**
 * The model's WordPiece tokenizer: Hugging Face's own Rust implementation (through DJL's
 * {@code ai.djl.huggingface:tokenizers}, whose native library ships in its jar) run on the model's
 * {@code tokenizer.json}. It gives the reference ids, including {@code [UNK]} for characters outside the
 * vocabulary (emoji, most CJK ideographs are in it), where DL4J's WordPiece tokenizer silently drops them.
 *
 * <pre>{@code
 * try (MiniLmTokenizer tokenizer = MiniLmTokenizer.create(ModelFiles.classpath().readVerifiedTokenizer(), 256)) {
 *     int[] ids = tokenizer.encode("Hello world");   // [101, 7592, 2088, 102]
 * }
 * }</pre>
 *
 * <p><b>Maximum length.</b> Sequences are truncated to {@code maxLength} ids <em>including</em> {@code [CLS]} and
 * {@code [SEP]}. The tokenizer.json shipped with the model says 128 (and pads to 128); that is langchain4j's
 * choice, not the model's: sentence-transformers configures all-MiniLM-L6-v2 with {@code max_seq_length = 256},
 * which is this project's default ({@link #DEFAULT_MAX_LENGTH}). Up to 512 (the model's position table) is
 * accepted. Padding is never applied here; the encoder packs sequences itself.
 *
 * <p>Thread-safe (the native tokenizer is immutable); texts are encoded one by one, on the calling thread, so the
 * Rust library's own thread pool is never started.
 */
public final class MiniLmTokenizer implements AutoCloseable {

    /** sentence-transformers' {@code max_seq_length} for all-MiniLM-L6-v2. */
    public static final int DEFAULT_MAX_LENGTH = 256;
    /** Smallest accepted maximum: {@code [CLS]}, one token, {@code [SEP]}. */
    public static final int MIN_MAX_LENGTH = 3;

    public static final int CLS_ID = 101;
    public static final int SEP_ID = 102;
    public static final int UNK_ID = 100;

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;

    private MiniLmTokenizer(HuggingFaceTokenizer tokenizer, int maxLength) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
    }

    /**
     * Creates a tokenizer from the bytes of a tokenizer.json.
     *
     * @param maxLength most ids per text, special tokens included, {@value #MIN_MAX_LENGTH} to 512
     */
    public static MiniLmTokenizer create(byte[] tokenizerJson, int maxLength) throws IOException {
        checkMaxLength(maxLength);
        NativeEnvironment.configureCaches();
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(maxLength),
                "modelMaxLength", Integer.toString(MiniLmConfig.MAX_POSITIONS));
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson),
                options);
        return new MiniLmTokenizer(tokenizer, maxLength);
    }

    /** Throws {@link IllegalArgumentException} unless {@code maxLength} is within the model's limits. */
    public static void checkMaxLength(int maxLength) {
        if (maxLength < MIN_MAX_LENGTH || maxLength > MiniLmConfig.MAX_POSITIONS) {
            throw new IllegalArgumentException("maxLength must be between " + MIN_MAX_LENGTH + " and "
                    + MiniLmConfig.MAX_POSITIONS + " but was " + maxLength);
        }
    }

    /** The ids of one text: {@code [CLS] ... [SEP]}, truncated to {@link #maxLength()}. */
    public int[] encode(String text) {
        Encoding encoding = tokenizer.encode(text == null ? "" : text);
        long[] ids = encoding.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** {@link #encode(String)} for each text, in order. */
    public int[][] encode(List<String> texts) {
        int[][] out = new int[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(texts.get(i));
        }
        return out;
    }

    public int maxLength() {
        return maxLength;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
