package io.llmeval.jobs.otel;

import java.util.List;

/** The OpenTelemetry GenAI semantic-convention attributes the span reader maps (table: docs/otel.md). */
final class GenAi {

    static final String REQUEST_MODEL = "gen_ai.request.model";
    static final String RESPONSE_MODEL = "gen_ai.response.model";
    static final String PROVIDER_NAME = "gen_ai.provider.name";
    /** Deprecated for {@link #PROVIDER_NAME}. */
    static final String SYSTEM = "gen_ai.system";
    static final String OPERATION_NAME = "gen_ai.operation.name";
    static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    /** Deprecated for {@link #INPUT_TOKENS}. */
    static final String PROMPT_TOKENS = "gen_ai.usage.prompt_tokens";
    /** Deprecated for {@link #OUTPUT_TOKENS}. */
    static final String COMPLETION_TOKENS = "gen_ai.usage.completion_tokens";
    static final String CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";
    static final String CACHE_CREATION_INPUT_TOKENS = "gen_ai.usage.cache_creation.input_tokens";
    static final String REASONING_OUTPUT_TOKENS = "gen_ai.usage.reasoning.output_tokens";
    /** Seconds from the request to the first chunk of a streamed response. */
    static final String TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";
    /** Seconds to the first token, as the server metric of the same name. */
    static final String TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
    static final String ERROR_TYPE = "error.type";
    static final String INPUT_MESSAGES = "gen_ai.input.messages";
    static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
    /** Deprecated span attributes of the prompt and completion text. */
    static final String PROMPT = "gen_ai.prompt";
    static final String COMPLETION = "gen_ai.completion";
    /** Ours: ground truth or retrieved context, for the hallucination score. */
    static final String REFERENCE = "llm_eval.reference";

    /** Scalar attributes kept in the record's {@code attributes}. */
    static final List<String> KEPT_ATTRIBUTES = List.of(PROVIDER_NAME, SYSTEM, OPERATION_NAME, RESPONSE_MODEL);

    private GenAi() {}
}
