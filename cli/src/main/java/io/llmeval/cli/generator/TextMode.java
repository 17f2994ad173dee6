package io.llmeval.cli.generator;

/** How varied the generated texts are ({@code llm-eval generate --texts}). */
public enum TextMode {
    /**
     * A few hundred distinct prompts from templates over a fixed set of entities: enough for every metric, scorer and
     * incident, and what the tests and the power benchmark use. An embedding cache hides the model's cost on them.
     */
    TEMPLATED,
    /**
     * Every prompt distinct, as in real archives: the templated question gets a conversation context of 1 to 6
     * sentences drawn from a grammar (names, numbers, products, times), so prompts run from a dozen to about 150 words
     * and no embedding is ever served from a cache. For measuring drift at scale.
     */
    UNIQUE;

    public static TextMode parse(String id) {
        for (TextMode mode : values()) {
            if (mode.name().equalsIgnoreCase(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--texts must be templated or unique, got '" + id + "'");
    }
}
