package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.OtlpTrafficWriter;
import io.llmeval.cli.generator.SlowStage;
import io.llmeval.cli.generator.TextMode;
import io.llmeval.jobs.schema.InputFormat;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.cli.kafka.KafkaLineProducer;
import io.llmeval.jobs.kafka.KafkaSourceSettings;
import io.llmeval.jobs.kafka.KafkaTopics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code llm-eval generate}: synthetic LLM request logs with scheduled incidents, written to files and,
 * with {@code --to-kafka}, to a Kafka topic as well (same lines, same order).
 *
 * <pre>
 * llm-eval generate --records N --output DIR [--seed S] [--incidents all|none|LIST] [--malformed-rate F] ...
 *                   [--format jsonl|otlp-json]
 *                   [--to-kafka HOST:PORT --topic llm_requests [--partitions N] [--kafka-property KEY=VALUE...]]
 * </pre>
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write synthetic, realistic LLM request logs with named incidents.",
            "Writes OUTPUT/logs/part-NNNNN.jsonl[.gz], OUTPUT/incidents.json and OUTPUT/reference.jsonl (clean",
            "records for --reference);",
            "with --to-kafka also each line, in the same order, as a record of --topic (key: request_id)."})
public class GenerateCommand extends BaseCommand {

    @Option(names = "--records", required = true, paramLabel = "N", description = "Number of records.")
    long records;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed; same seed, same bytes (default: 42).")
    long seed = 42;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    Path output;

    @Option(names = "--gzip", description = "Write .jsonl.gz files.")
    boolean gzip;

    @Option(names = "--incidents", paramLabel = "all|none|LIST",
            description = "Incidents to inject: all, none, or a comma list of "
                    + "latency_spike,error_burst,hallucination_spike,topic_drift,length_drift and, with --format otlp-json, "
                    + "slow_stage (default: none).")
    String incidents = "none";

    @Option(names = "--format", paramLabel = "jsonl|otlp-json",
            description = "jsonl: log records of schema v1 (default); otlp-json: the same traffic as OpenTelemetry spans, "
                    + "one OTLP/JSON document per line (a request span with child stage spans).")
    String format = "jsonl";

    @Option(names = "--rate", paramLabel = "RPS", description = "Requests per second of event time (default: 20).")
    double rate = GeneratorConfig.DEFAULT_RATE;

    @Option(names = "--start", paramLabel = "ISO-8601", description = "Event time of the first record (default: 2026-01-01T00:00:00Z).")
    String start = GeneratorConfig.DEFAULT_START.toString();

    @Option(names = "--records-per-file", paramLabel = "N", description = "Lines per file (default: 10000).")
    int recordsPerFile = GeneratorConfig.DEFAULT_RECORDS_PER_FILE;

    @Option(names = "--malformed-rate", paramLabel = "F", description = "Share of defective lines, for dead-letter tests (default: 0).")
    double malformedRate;

    @Option(names = "--max-ship-delay-ms", paramLabel = "MS", description = "Most a line is delivered after its event time (default: 5000).")
    long maxShipDelayMillis = GeneratorConfig.DEFAULT_MAX_SHIP_DELAY_MILLIS;

    @Option(names = "--texts", paramLabel = "templated|unique",
            description = "Prompt texts: templated (a few hundred distinct; default) or unique (every prompt distinct, "
                    + "12-150 words, as in real archives: no embedding cache hides the model's cost).")
    String texts = "templated";

    @Option(names = "--reference-records", paramLabel = "N",
            description = "Clean records written to OUTPUT/reference.jsonl as a drift reference, timed before the logs "
                    + "(default: 6000; 0 for none).")
    long referenceRecords = TrafficGenerator.DEFAULT_REFERENCE_RECORDS;

    @Option(names = "--to-kafka", paramLabel = "HOST:PORT[,...]",
            description = "Also write every line to Kafka at these brokers (value: the line, key: its request_id).")
    String toKafka;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic for --to-kafka (default: llm_requests).")
    String topic = KafkaSourceSettings.DEFAULT_TOPIC;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Create the topic with N partitions if it does not exist (default: the broker creates it on first write).")
    Integer partitions;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Kafka producer setting, e.g. security.protocol=SASL_SSL (repeatable).")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Override
    protected int execute() throws Exception {
        GeneratorConfig config;
        TrafficGenerator generator;
        OtlpTrafficWriter spans = null;
        try {
            boolean otlp = InputFormat.fromId(format) == InputFormat.OTLP_JSON;
            boolean slowStage = wantsSlowStage(incidents, otlp);
            config = new GeneratorConfig(records, seed, rate, parseStart(),
                    parseIncidents(withoutSlowStage(incidents)), gzip, recordsPerFile, malformedRate, maxShipDelayMillis,
                    TextMode.parse(texts));
            generator = new TrafficGenerator(config);
            if (otlp) {
                spans = new OtlpTrafficWriter(config, slowStage);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (toKafka == null && (partitions != null || !kafkaProperties.isEmpty())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions and --kafka-property need --to-kafka");
        }
        if (referenceRecords < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reference-records must not be negative");
        }
        if (partitions != null && partitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be at least 1");
        }
        if (spans != null) {
            OtlpTrafficWriter.Result result = spans.writeTo(output);
            err().printf("llm-eval generate: wrote %d requests as spans in %d OTLP/JSON documents in %d files to %s, "
                    + "incidents to %s%n", records, result.documents(), result.files().size(), output.resolve("logs"),
                    result.incidentsFile());
        } else {
            TrafficGenerator.GeneratorResult result = generator.writeTo(output);
            err().printf("llm-eval generate: wrote %d records in %d files to %s, %d incidents to %s%n",
                    result.records(), result.files().size(), output.resolve("logs"), result.incidents().size(),
                    result.incidentsFile());
        }
        if (referenceRecords > 0) {
            Path reference = generator.writeReference(output.resolve(TrafficGenerator.REFERENCE_FILE), referenceRecords);
            err().printf("llm-eval generate: wrote %d clean reference records to %s%n", referenceRecords, reference);
        }
        if (toKafka != null) {
            long sent = sendToKafka(spans != null ? spans::generate : new TrafficGenerator(config)::generate);
            err().printf("llm-eval generate: wrote %d records to Kafka topic %s at %s%n", sent, topic, toKafka);
        }
        return ExitCodes.OK;
    }

    /** Generates the same lines again (same config, same bytes) straight into the topic; flushed before returning. */
    private long sendToKafka(Lines lines) throws IOException {
        if (partitions != null) {
            KafkaTopics.createIfMissing(toKafka, kafkaProperties, topic, partitions);
        }
        try (KafkaLineProducer producer = new KafkaLineProducer(toKafka, topic, kafkaProperties)) {
            lines.generate(producer::send);
            return producer.sent();
        }
    }

    /** Generated lines (log records or OTLP documents), handed to a consumer. */
    private interface Lines {
        void generate(TrafficGenerator.LineConsumer consumer) throws IOException;
    }

    /** slow_stage is injected into span traffic only: named, or with "all". */
    static boolean wantsSlowStage(String value, boolean otlp) {
        boolean named = java.util.Arrays.stream(value.split(",")).anyMatch(id -> id.trim().equals(SlowStage.ID));
        if (named && !otlp) {
            throw new IllegalArgumentException("incident " + SlowStage.ID + " needs --format otlp-json (it slows a stage span)");
        }
        return named || (otlp && value.equals("all"));
    }

    static String withoutSlowStage(String value) {
        return String.join(",", java.util.Arrays.stream(value.split(","))
                .filter(id -> !id.trim().equals(SlowStage.ID)).toList());
    }

    private Instant parseStart() {
        try {
            return Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--start: '" + start + "' is not an ISO-8601 instant");
        }
    }

    static Set<IncidentType> parseIncidents(String value) {
        if (value.equals("all")) {
            return EnumSet.allOf(IncidentType.class);
        }
        if (value.equals("none") || value.isBlank()) {
            return EnumSet.noneOf(IncidentType.class);
        }
        Set<IncidentType> types = EnumSet.noneOf(IncidentType.class);
        for (String id : value.split(",")) {
            types.add(IncidentType.fromId(id));
        }
        return types;
    }
}
