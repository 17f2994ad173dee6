package io.llmeval.inference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What makes two embeddings comparable: the same model weights, tokenizer, input truncation, pooling and
 * normalisation. A drift reference records the fingerprint of the embedder that built it, and a job refuses a
 * reference whose fingerprint differs from its own embedder's: vectors of another model (or of the same model
 * truncated elsewhere) live in another space, and every window would look drifted.
 *
 * @param modelId         the model's name, e.g. {@code sentence-transformers/all-MiniLM-L6-v2}
 * @param weightsSha256   SHA-256 of the weight file
 * @param tokenizerSha256 SHA-256 of tokenizer.json
 * @param maxLength       most token ids per text, special tokens included
 * @param dimension       length of the vectors
 * @param pooling         how token vectors become one vector ({@code mean})
 * @param normalized      whether vectors are L2-normalised
 */
public record ModelFingerprint(String modelId, String weightsSha256, String tokenizerSha256, int maxLength,
        int dimension, String pooling, boolean normalized) implements Serializable {

    public ModelFingerprint {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        Objects.requireNonNull(tokenizerSha256, "tokenizerSha256");
        Objects.requireNonNull(pooling, "pooling");
    }

    /** The settings in which {@code other} differs from this one, e.g. {@code ["max_length 128 vs 256"]}; empty if none. */
    public List<String> differences(ModelFingerprint other) {
        List<String> out = new ArrayList<>();
        compare(out, "model", modelId, other.modelId);
        compare(out, "weights_sha256", weightsSha256, other.weightsSha256);
        compare(out, "tokenizer_sha256", tokenizerSha256, other.tokenizerSha256);
        compare(out, "max_length", maxLength, other.maxLength);
        compare(out, "dimension", dimension, other.dimension);
        compare(out, "pooling", pooling, other.pooling);
        compare(out, "normalized", normalized, other.normalized);
        return out;
    }

    private static void compare(List<String> out, String name, Object mine, Object theirs) {
        if (!mine.equals(theirs)) {
            out.add(name + " " + mine + " vs " + theirs);
        }
    }
}
