package io.llmeval.inference.model;

/**
 * Shape of sentence-transformers' all-MiniLM-L6-v2: a 6-layer BERT with hidden size 384, 12 attention heads of
 * 32 dimensions, a 1536-wide feed-forward block with exact (erf) GELU, LayerNorm epsilon 1e-12, a 30,522-entry
 * WordPiece vocabulary and 512 learned positions. Sentence embeddings are the attention-mask-weighted mean of the
 * last hidden state, L2-normalised.
 */
public final class MiniLmConfig {

    public static final int HIDDEN = 384;
    public static final int HEADS = 12;
    public static final int HEAD_DIM = HIDDEN / HEADS;
    public static final int INTERMEDIATE = 1536;
    public static final int LAYERS = 6;
    public static final int VOCAB = 30522;
    public static final int MAX_POSITIONS = 512;
    public static final float LAYER_NORM_EPS = 1e-12f;

    /** Embedding dimension of the pooled, normalised sentence vector. */
    public static final int EMBEDDING_DIM = HIDDEN;

    /** Token id of {@code [PAD]} in the shipped vocabulary. */
    public static final int PAD_ID = 0;

    private MiniLmConfig() {}
}
