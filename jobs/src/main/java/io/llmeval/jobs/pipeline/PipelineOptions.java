package io.llmeval.jobs.pipeline;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/**
 * Every tunable of the evaluation pipeline, with its default. The CLI flags of {@code stream} and
 * {@code backfill} map onto these keys, and {@code --conf key=value} sets any of them; a cluster sets
 * them in {@code flink-conf/config.yaml}. See {@code docs/pipeline.md}.
 */
public final class PipelineOptions {

    private PipelineOptions() {}

    public static final ConfigOption<Duration> WINDOW_SIZE = ConfigOptions.key("llm-eval.window.size")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("Length of the tumbling (or sliding) event-time windows of the metrics.");

    public static final ConfigOption<Duration> WINDOW_SLIDE = ConfigOptions.key("llm-eval.window.slide")
            .durationType()
            .noDefaultValue()
            .withDescription("Slide of sliding windows; unset means tumbling windows.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("llm-eval.watermark.out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("How far behind the newest event time a record may arrive and still be counted. "
                    + "Shippers batch and retry, so logs arrive seconds out of order; 30 s covers that with margin.");

    public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("llm-eval.watermark.idleness")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("A source split (file, Kafka partition) that sends nothing for this long stops "
                    + "holding back the watermark.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS = ConfigOptions.key("llm-eval.window.allowed-lateness")
            .durationType()
            .defaultValue(Duration.ZERO)
            .withDescription("Extra time after the watermark passes a window's end during which late records "
                    + "still update it (the window is emitted again). Records later than that go to the "
                    + "dead-letter output with reason late_event.");

    public static final ConfigOption<Integer> MAX_RECORD_BYTES = ConfigOptions.key("llm-eval.parser.max-record-bytes")
            .intType()
            .defaultValue(1 << 20)
            .withDescription("Longest accepted record in bytes; longer ones are dead-lettered as record_too_large.");

    public static final ConfigOption<Integer> DEAD_LETTER_MAX_CHARS = ConfigOptions.key("llm-eval.dead-letter.max-chars")
            .intType()
            .defaultValue(4096)
            .withDescription("How much of a bad record's original text its dead letter keeps.");

    public static final ConfigOption<Integer> PROMETHEUS_MAX_KEYS = ConfigOptions.key("llm-eval.prometheus.max-keys")
            .intType()
            .defaultValue(50)
            .withDescription("Most (model, route) label sets exported per operator instance; keys beyond it "
                    + "are reported together under model=\"other\", route=\"other\".");

    public static final ConfigOption<Boolean> HALLUCINATION_ENABLED = ConfigOptions.key("llm-eval.hallucination.enabled")
            .booleanType()
            .defaultValue(true)
            .withDescription("Score every record that has a response and a reference for hallucination.");

    public static final ConfigOption<Double> HALLUCINATION_THRESHOLD = ConfigOptions.key("llm-eval.hallucination.threshold")
            .doubleType()
            .defaultValue(io.llmeval.udfs.hallucination.HallucinationScorer.DEFAULT_THRESHOLD)
            .withDescription("A record is flagged hallucinated when its hallucination_score is at least this "
                    + "(default chosen on the HaluEval dev set, see docs/hallucination.md).");

    public static final ConfigOption<Boolean> HALLUCINATION_SEMANTIC = ConfigOptions.key("llm-eval.hallucination.semantic")
            .booleanType()
            .defaultValue(false)
            .withDescription("Also embed response and reference with all-MiniLM-L6-v2 (inference module) and feed "
                    + "their cosine to the scorer as semantic_similarity. Needs the inference jars on the "
                    + "TaskManagers' classpath and costs a forward pass per scored record (docs/inference.md).");

    public static final ConfigOption<String> HALLUCINATION_TOKENIZER = ConfigOptions.key("llm-eval.hallucination.tokenizer")
            .stringType()
            .defaultValue("rouge-score")
            .withDescription("Tokenizer of the lexical signals: rouge-score (ASCII, compatible with Google's "
                    + "rouge_score) or unicode (NFKC, letters of every script; for non-English traffic).");

    public static final ConfigOption<String> TIME_RANGE_FROM = ConfigOptions.key("llm-eval.time-range.from")
            .stringType()
            .noDefaultValue()
            .withDescription("Keep only records with event time at or after this RFC 3339 time (backfill --from). "
                    + "Records outside the range are counted (records_outside_time_range), not dead-lettered.");

    public static final ConfigOption<String> TIME_RANGE_TO = ConfigOptions.key("llm-eval.time-range.to")
            .stringType()
            .noDefaultValue()
            .withDescription("Keep only records with event time before this RFC 3339 time (backfill --to).");
    public static final ConfigOption<String> INPUT_FORMAT = ConfigOptions.key("llm-eval.input.format")
            .stringType()
            .defaultValue("jsonl")
            .withDescription("What each input line or Kafka record is: jsonl (a log record of schema v1, docs/log-schema.md) "
                    + "or otlp-json (an OTLP/JSON ExportTraceServiceRequest of OpenTelemetry spans, docs/otel.md).");

    public static final ConfigOption<String> FIELD_MAP = ConfigOptions.key("llm-eval.input.field-map")
            .stringType()
            .noDefaultValue()
            .withDescription("A JSON file mapping schema-v1 fields to JSON Pointers into the user's own JSON records "
                    + "(docs/field-maps/); read once at start-up. Unset: records are schema v1.");

    public static final ConfigOption<String> PRICES_FILE = ConfigOptions.key("llm-eval.prices.file")
            .stringType()
            .noDefaultValue()
            .withDescription("Price table (YAML or JSON) of the cost columns (docs/cost.md); read once at start-up. "
                    + "Unset: the example table flink-conf/prices.yaml.");

    public static final ConfigOption<String> OTEL_ROUTE_ATTRIBUTE = ConfigOptions.key("llm-eval.otel.route-attribute")
            .stringType()
            .defaultValue("llm_eval.route")
            .withDescription("Span (then resource) attribute holding a GenAI request's route; without it, the name of "
                    + "the trace's root span.");

    public static final ConfigOption<java.util.Map<String, String>> OTEL_STAGE_NAMES =
            ConfigOptions.key("llm-eval.otel.stage-names")
                    .mapType()
                    .defaultValue(java.util.Map.of())
                    .withDescription("Span name -> stage, on top of the built-in names (tokenize, retrieve, embed, queue, "
                            + "prefill, inference, decode, post_process and aliases), e.g. 'vector_search:retrieve,generate:decode'.");

    public static final ConfigOption<Duration> TRACE_TIMEOUT = ConfigOptions.key("llm-eval.otel.trace-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("How long the stage breakdown waits for a trace: a stage window is written this long after "
                    + "its end (requests ending later are left out of it and counted), and a stage span whose request span "
                    + "has not come this long after its end is an incomplete_trace dead letter.");
}
