package io.llmeval.jobs.cli;

import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.backfill.BackfillSummary;
import io.llmeval.jobs.kafka.KafkaSinkSettings;
import io.llmeval.jobs.kafka.KafkaSourceSettings;
import io.llmeval.jobs.kafka.KafkaTopics;
import io.llmeval.jobs.kafka.StartingOffsets;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.connector.base.DeliveryGuarantee;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * {@code llm-eval stream}: the evaluation pipeline in streaming mode, over files or a Kafka topic.
 *
 * <pre>
 * llm-eval stream --input PATH... [--bounded] --output DIR
 * llm-eval stream --source kafka --bootstrap-servers HOST:PORT [--topic llm_requests] [--group-id G]
 *                 [--starting-offsets earliest|latest|committed] [--kafka-property KEY=VALUE...] [--bounded]
 *                 [--sink-bootstrap-servers HOST:PORT | --no-kafka-sinks] [--metrics-topic llm_metrics]
 *                 [--dlq-topic llm_dlq] [--alerts-topic llm_alerts] [--delivery-guarantee exactly-once|at-least-once|none]
 *                 [--transactional-id-prefix P] [--transaction-timeout 10min] --output DIR
 * </pre>
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Evaluate logs as a stream: watch directories for new files, read a Kafka topic, or read bounded input with --bounded.",
            "Writes OUTPUT/windows/, OUTPUT/windows-csv/, OUTPUT/dead-letters/ and OUTPUT/alerts/ (committed on checkpoints);",
            "with Kafka sinks also the topics llm_metrics, llm_dlq and llm_alerts (exactly once by default)."})
public class StreamCommand extends BaseCommand {

    /** Where records come from. */
    enum SourceKind { files, kafka }

    @Option(names = "--source", paramLabel = "KIND", description = "Record source: ${COMPLETION-CANDIDATES} (default: files).")
    SourceKind source = SourceKind.files;

    @Option(names = "--input", arity = "1..*", paramLabel = "PATH",
            description = "Log files, directories or globs (required with --source files).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--bounded",
            description = "Read the input once and finish: the files as they are, or Kafka up to the offsets current at start.")
    boolean bounded;

    @Option(names = "--monitor-interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How often watched directories are scanned for new files (default: 10s).")
    Duration monitorInterval = Duration.ofSeconds(10);

    @Option(names = "--checkpoint-interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Checkpoint interval; output files and Kafka transactions are committed on checkpoints (default: 10s).")
    Duration checkpointInterval = EvalJobSettings.DEFAULT_CHECKPOINT_INTERVAL;

    // ---- Kafka source (--source kafka)

    @Option(names = "--replay-rate", paramLabel = "LINES/S",
            description = "Pace each source subtask at this many lines per second, to replay archives like live traffic (default: full speed).")
    double replayRate;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka brokers to read from (--source kafka).")
    String bootstrapServers;

    @Option(names = "--topic", split = ",", paramLabel = "TOPIC", description = "Topic(s) of request logs (default: llm_requests).")
    List<String> topics = new ArrayList<>(List.of(KafkaSourceSettings.DEFAULT_TOPIC));

    @Option(names = "--group-id", paramLabel = "GROUP", description = "Consumer group; offsets are committed to it on checkpoints (default: llm-eval).")
    String groupId = KafkaSourceSettings.DEFAULT_GROUP_ID;

    @Option(names = "--starting-offsets", paramLabel = "earliest|latest|committed",
            description = "Where a job without state starts reading (default: earliest).")
    String startingOffsets = StartingOffsets.EARLIEST.id();

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Kafka client setting for the source and the sinks, e.g. security.protocol=SASL_SSL (repeatable).")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    // ---- Kafka sinks (on by default with --source kafka)

    @Option(names = "--sink-bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers for the metrics, dead-letter and alerts topics (default: --bootstrap-servers with --source kafka; none otherwise).")
    String sinkBootstrapServers;

    @Option(names = "--no-kafka-sinks", description = "Write files only, even with --source kafka.")
    boolean noKafkaSinks;

    @Option(names = "--sink-kafka-property", paramLabel = "KEY=VALUE",
            description = "Kafka producer setting for the sinks only; wins over --kafka-property (repeatable).")
    Map<String, String> sinkKafkaProperties = new LinkedHashMap<>();

    @Option(names = "--metrics-topic", paramLabel = "TOPIC", description = "Topic of the window metrics (default: llm_metrics).")
    String metricsTopic = KafkaSinkSettings.DEFAULT_METRICS_TOPIC;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC", description = "Topic of the dead letters (default: llm_dlq).")
    String deadLetterTopic = KafkaSinkSettings.DEFAULT_DEAD_LETTER_TOPIC;

    @Option(names = "--alerts-topic", paramLabel = "TOPIC", description = "Topic of the alert events (default: llm_alerts).")
    String alertsTopic = KafkaSinkSettings.DEFAULT_ALERTS_TOPIC;

    @Option(names = "--delivery-guarantee", paramLabel = "exactly-once|at-least-once|none",
            description = "Delivery guarantee of the Kafka sinks (default: exactly-once, with Kafka transactions).")
    String deliveryGuarantee = KafkaSinkSettings.id(DeliveryGuarantee.EXACTLY_ONCE);

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX",
            description = "Prefix of the sinks' transactional ids: stable across restarts, unique per job on a cluster (default: llm-eval).")
    String transactionalIdPrefix = KafkaSinkSettings.DEFAULT_TRANSACTIONAL_ID_PREFIX;

    @Option(names = "--transaction-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "transaction.timeout.ms of the sinks; below the brokers' transaction.max.timeout.ms (default: 10min).")
    Duration transactionTimeout = KafkaSinkSettings.DEFAULT_TRANSACTION_TIMEOUT;

    @Mixin
    JobOptions job;

    @Override
    protected int execute() throws Exception {
        EvalJobSettings settings = settings();
        if (settings.kafkaSource() != null) {
            settings = oneSubtaskPerPartition(settings);
        }
        EvalJob.run(settings, "llm-eval stream");
        if (source == SourceKind.files) {
            String warning = BackfillSummary.damagedFilesWarning("stream",
                    BackfillSummary.damagedFiles(new org.apache.flink.core.fs.Path(output)));
            if (warning != null) {
                err().println(warning);
            }
        }
        err().println("llm-eval stream: wrote " + output + describeKafkaSinks(settings.kafkaSinks()) + LogFile.note());
        return ExitCodes.OK;
    }

    /** The run's settings, parsed once; unusable combinations are usage errors. */
    public EvalJobSettings settings() {
        if (source == SourceKind.files) {
            requireFilesOptions();
        } else if (!inputs.isEmpty()) {
            throw usage("--input is only for --source files; with --source kafka give --bootstrap-servers and --topic");
        }
        KafkaSourceSettings kafkaSource = source == SourceKind.kafka ? usageOnBadValue(this::kafkaSource) : null;
        KafkaSinkSettings kafkaSinks = usageOnBadValue(this::kafkaSinks);
        return job.settings(RuntimeExecutionMode.STREAMING, inputs, output,
                        bounded || source == SourceKind.kafka ? null : monitorInterval, checkpointInterval, replayRate)
                .withKafka(kafkaSource, kafkaSinks);
    }

    /**
     * Watermarks are per source subtask (the pipeline assigns them after parsing), so a subtask that reads
     * several partitions interleaves them and makes records late. Without --parallelism the job gets one
     * subtask per partition; with a smaller one it warns.
     */
    private EvalJobSettings oneSubtaskPerPartition(EvalJobSettings settings) {
        KafkaSourceSettings kafka = settings.kafkaSource();
        OptionalInt partitions = KafkaTopics.partitionCount(kafka.bootstrapServers(), kafka.properties(), kafka.topics(),
                Duration.ofSeconds(30));
        if (partitions.isEmpty() || partitions.getAsInt() == 0) {
            return settings;
        }
        int count = partitions.getAsInt();
        if (settings.parallelism() == null) {
            err().printf("llm-eval stream: parallelism %d, one subtask per partition of %s (--parallelism to change)%n",
                    count, String.join(",", kafka.topics()));
            return settings.withParallelism(count);
        }
        if (settings.parallelism() < count) {
            err().printf("llm-eval stream: warning: parallelism %d < %d partitions of %s: subtasks reading several "
                    + "partitions can make records late (late_event dead letters); see docs/kafka.md%n",
                    settings.parallelism(), count, String.join(",", kafka.topics()));
        }
        return settings;
    }

    private void requireFilesOptions() {
        if (inputs.isEmpty()) {
            throw usage("--input is required with --source files");
        }
        if (bootstrapServers != null) {
            throw usage("--bootstrap-servers is only for --source kafka");
        }
    }

    private KafkaSourceSettings kafkaSource() {
        if (bootstrapServers == null) {
            throw usage("--bootstrap-servers is required with --source kafka");
        }
        return KafkaSourceSettings.builder()
                .bootstrapServers(bootstrapServers)
                .topics(topics)
                .groupId(groupId)
                .startingOffsets(StartingOffsets.parse(startingOffsets))
                .bounded(bounded)
                .properties(kafkaProperties)
                .build();
    }

    /** Kafka sinks: to --sink-bootstrap-servers, else to the source's cluster; none with --no-kafka-sinks. */
    private KafkaSinkSettings kafkaSinks() {
        String servers = sinkBootstrapServers != null ? sinkBootstrapServers
                : source == SourceKind.kafka ? bootstrapServers : null;
        if (noKafkaSinks) {
            if (sinkBootstrapServers != null) {
                throw usage("--no-kafka-sinks and --sink-bootstrap-servers contradict each other");
            }
            return null;
        }
        if (servers == null) {
            return null;
        }
        return KafkaSinkSettings.builder()
                .bootstrapServers(servers)
                .metricsTopic(metricsTopic)
                .deadLetterTopic(deadLetterTopic)
                .alertsTopic(alertsTopic)
                .deliveryGuarantee(KafkaSinkSettings.parseDeliveryGuarantee(deliveryGuarantee))
                .transactionalIdPrefix(transactionalIdPrefix)
                .transactionTimeout(transactionTimeout)
                .properties(kafkaProperties)
                .properties(sinkKafkaProperties)
                .build();
    }

    private static String describeKafkaSinks(KafkaSinkSettings sinks) {
        return sinks == null ? "" : String.format(" and Kafka topics %s, %s, %s at %s (%s)", sinks.metricsTopic(),
                sinks.deadLetterTopic(), sinks.alertsTopic(), sinks.bootstrapServers(),
                KafkaSinkSettings.id(sinks.deliveryGuarantee()));
    }

    private <T> T usageOnBadValue(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
