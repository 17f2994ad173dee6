package io.llmeval.udfs.cost;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One entry of a price table: list prices in USD per million tokens for the models whose whole name matches
 * {@code match}, from {@code since} on. Prices are exact decimals, as written in the file.
 *
 * @param match regular expression that must match the whole model name
 * @param inputPerMtok price of input tokens that were neither read from nor written to a prompt cache
 * @param outputPerMtok price of output tokens, reasoning tokens included
 * @param cacheReadPerMtok price of input tokens read from a prompt cache ({@code inputPerMtok} when not given)
 * @param cacheWritePerMtok price of input tokens written to a prompt cache ({@code inputPerMtok} when not given)
 * @param since first instant (UTC) the prices apply; {@link Instant#MIN} when not given
 */
public record PriceEntry(String match, BigDecimal inputPerMtok, BigDecimal outputPerMtok,
                         BigDecimal cacheReadPerMtok, BigDecimal cacheWritePerMtok, Instant since) implements Serializable {}
