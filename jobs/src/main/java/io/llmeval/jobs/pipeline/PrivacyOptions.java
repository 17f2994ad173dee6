package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.DeadLetterRaw;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * How the pipeline treats user texts (prompts, responses) where they could leave it. Metrics, log lines and
 * exception messages never carry them (docs/architecture.md, "Privacy"); dead letters do, in {@code raw}.
 * See {@code docs/pipeline.md}.
 */
public final class PrivacyOptions {

    private PrivacyOptions() {}

    public static final ConfigOption<DeadLetterRaw> DEAD_LETTER_RAW = ConfigOptions.key("llm-eval.privacy.dead-letter-raw")
            .enumType(DeadLetterRaw.class)
            .defaultValue(DeadLetterRaw.KEEP)
            .withDescription("What a dead letter keeps of the bad record's text: keep (as read, up to "
                    + "llm-eval.dead-letter.max-chars), mask (emails, phone numbers, card numbers and credentials "
                    + "replaced by <email>, <phone>, <card>, <api_key>, <secret>) or drop (raw is null; reason and "
                    + "source position remain).");
}
