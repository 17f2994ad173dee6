package io.llmeval.jobs.schema;

import io.llmeval.udfs.privacy.TextMasker;

import java.util.Locale;

/**
 * What a dead letter keeps of the bad record's original text ({@code raw}), which holds user data: prompts,
 * responses, whatever a client logged. Option {@code llm-eval.privacy.dead-letter-raw}.
 *
 * <pre>{@code
 * DeadLetterRaw.MASK.apply("{\"prompt\":\"mail bob@example.com\"", 4096);   // {"prompt":"mail <email>"
 * }</pre>
 */
public enum DeadLetterRaw {

    /** The text as read, up to the dead-letter bound (the default: dead letters are for finding what broke). */
    KEEP,
    /** The text with emails, phone numbers, card numbers and credentials replaced ({@link TextMasker}). */
    MASK,
    /** No text ({@code raw} is null): the reason and the {@code source} position locate the record. */
    DROP;

    /**
     * Masking looks this far past the bound, so that a secret the cut would split is still recognised whole
     * before the cut.
     */
    static final int MASK_LOOKAHEAD_CHARS = 512;

    /** The {@code raw} a dead letter gets for this {@code text}: at most {@code maxChars} chars, or null. */
    public String apply(String text, int maxChars) {
        return switch (this) {
            case KEEP -> truncate(text, maxChars);
            case MASK -> truncate(TextMasker.mask(truncate(text, maxChars + MASK_LOOKAHEAD_CHARS)), maxChars);
            case DROP -> null;
        };
    }

    /** The option value: {@code keep}, {@code mask}, {@code drop}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String truncate(String text, int maxChars) {
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars);
    }
}
