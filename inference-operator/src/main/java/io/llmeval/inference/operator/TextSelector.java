package io.llmeval.inference.operator;

import java.io.Serializable;
import java.util.List;

/**
 * Which texts of a record to embed: the caller's choice (a drift sample's response; a record's response and its
 * reference for the semantic hallucination signal; nothing for records that need no embedding).
 *
 * @param <IN> record type
 */
@FunctionalInterface
public interface TextSelector<IN> extends Serializable {

    /** The texts to embed for {@code record}, possibly none; their vectors come back in this order. */
    List<String> texts(IN record);
}
