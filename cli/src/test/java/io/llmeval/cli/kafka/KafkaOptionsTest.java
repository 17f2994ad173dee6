package io.llmeval.cli.kafka;

import io.llmeval.jobs.kafka.KafkaSourceSettings;
import io.llmeval.jobs.kafka.KafkaSinkSettings;
import io.llmeval.jobs.kafka.StartingOffsets;
import io.llmeval.jobs.kafka.KafkaOutputs;
import io.llmeval.jobs.kafka.KafkaLogSource;

import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.cli.LlmEval;
import io.llmeval.jobs.cli.StreamCommand;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kafka options of {@code llm-eval stream}, and the settings builders' validation messages. */
class KafkaOptionsTest {

    /** Parses {@code llm-eval ARGS} and returns the stream command's settings (nothing runs). */
    private static EvalJobSettings streamSettings(String... args) {
        CommandLine.ParseResult parsed = LlmEval.commandLine().parseArgs(args);
        return ((StreamCommand) parsed.subcommand().commandSpec().userObject()).settings();
    }

    /** Runs {@code llm-eval ARGS} expecting a usage error before anything starts; returns its one line. */
    private static String usageError(String... args) {
        CommandLine cli = LlmEval.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).doesNotContain("\n");
        return err.toString().strip();
    }

    @Test
    void kafkaSourceDefaultsAndSinksOnTheSameCluster() {
        EvalJobSettings settings = streamSettings("stream", "--source", "kafka", "--bootstrap-servers", "k1:9092,k2:9092",
                "--output", "out");

        KafkaSourceSettings source = settings.kafkaSource();
        assertThat(settings.inputs()).isEmpty();
        assertThat(settings.monitorInterval()).isNull();
        assertThat(source.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(source.topics()).containsExactly("llm_requests");
        assertThat(source.groupId()).isEqualTo("llm-eval");
        assertThat(source.startingOffsets()).isEqualTo(StartingOffsets.EARLIEST);
        assertThat(source.bounded()).isFalse();
        KafkaSinkSettings sinks = settings.kafkaSinks();
        assertThat(sinks.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(sinks.metricsTopic()).isEqualTo("llm_metrics");
        assertThat(sinks.deadLetterTopic()).isEqualTo("llm_dlq");
        assertThat(sinks.alertsTopic()).isEqualTo("llm_alerts");
        assertThat(sinks.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(sinks.transactionalIdPrefix()).isEqualTo("llm-eval");
        assertThat(sinks.transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void everyKafkaOptionReachesTheSettings() {
        EvalJobSettings settings = streamSettings("stream", "--source", "kafka", "--bootstrap-servers", "src:9093",
                "--topic", "a,b", "--group-id", "g1", "--starting-offsets", "committed", "--bounded",
                "--kafka-property", "security.protocol=SASL_SSL",
                "--kafka-property", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p=q\";",
                "--sink-bootstrap-servers", "sink:9094", "--sink-kafka-property", "security.protocol=SSL",
                "--metrics-topic", "m", "--dlq-topic", "d", "--alerts-topic", "a", "--delivery-guarantee", "at-least-once",
                "--transactional-id-prefix", "job-7", "--transaction-timeout", "2min", "--output", "out");

        KafkaSourceSettings source = settings.kafkaSource();
        assertThat(source.topics()).containsExactly("a", "b");
        assertThat(source.groupId()).isEqualTo("g1");
        assertThat(source.startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(source.bounded()).isTrue();
        assertThat(source.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p=q\";");
        KafkaSinkSettings sinks = settings.kafkaSinks();
        assertThat(sinks.bootstrapServers()).isEqualTo("sink:9094");
        assertThat(sinks.properties()).containsEntry("security.protocol", "SSL").containsKey("sasl.jaas.config");
        assertThat(sinks.metricsTopic()).isEqualTo("m");
        assertThat(sinks.deadLetterTopic()).isEqualTo("d");
        assertThat(sinks.alertsTopic()).isEqualTo("a");
        assertThat(sinks.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(sinks.transactionalIdPrefix()).isEqualTo("job-7");
        assertThat(sinks.transactionTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void filesStayTheDefaultWithOptionalKafkaSinks() {
        EvalJobSettings files = streamSettings("stream", "--input", "logs", "--bounded", "--output", "out");
        EvalJobSettings filesToKafka = streamSettings("stream", "--input", "logs", "--output", "out",
                "--sink-bootstrap-servers", "k:9092");
        EvalJobSettings kafkaFilesOnly = streamSettings("stream", "--source", "kafka", "--bootstrap-servers", "k:9092",
                "--no-kafka-sinks", "--output", "out");

        assertThat(files.inputs()).containsExactly("logs");
        assertThat(files.kafkaSource()).isNull();
        assertThat(files.kafkaSinks()).isNull();
        assertThat(filesToKafka.monitorInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(filesToKafka.kafkaSource()).isNull();
        assertThat(filesToKafka.kafkaSinks().bootstrapServers()).isEqualTo("k:9092");
        assertThat(kafkaFilesOnly.kafkaSinks()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "stream --output o                                                  | llm-eval: --input is required with --source files (see 'llm-eval stream --help')",
        "stream --source kafka --output o                                   | llm-eval: --bootstrap-servers is required with --source kafka (see 'llm-eval stream --help')",
        "stream --source kafka --bootstrap-servers k:1 --input x --output o | llm-eval: --input is only for --source files; with --source kafka give --bootstrap-servers and --topic (see 'llm-eval stream --help')",
        "stream --input x --bootstrap-servers k:1 --output o                | llm-eval: --bootstrap-servers is only for --source kafka (see 'llm-eval stream --help')",
        "stream --source kafka --bootstrap-servers k:1 --starting-offsets newest --output o | llm-eval: unknown starting offsets 'newest'; use one of earliest, latest, committed (see 'llm-eval stream --help')",
        "stream --source kafka --bootstrap-servers k:1 --delivery-guarantee maybe --output o | llm-eval: unknown delivery guarantee 'maybe'; use one of exactly-once, at-least-once, none (see 'llm-eval stream --help')",
        "stream --source kafka --bootstrap-servers k:1 --metrics-topic t --dlq-topic t --output o | llm-eval: Kafka sinks: metrics and dead letters need different topics, both are 't' (see 'llm-eval stream --help')",
        "stream --source kafka --bootstrap-servers k:1 --alerts-topic llm_metrics --output o | llm-eval: Kafka sinks: alerts need a topic of their own, 'llm_metrics' also takes metrics (see 'llm-eval stream --help')",
        "stream --source kafka --bootstrap-servers k:1 --alerts-topic llm_dlq --output o | llm-eval: Kafka sinks: alerts need a topic of their own, 'llm_dlq' also takes dead letters (see 'llm-eval stream --help')",
        "stream --source kafka --bootstrap-servers k:1 --transaction-timeout 1h --output o | llm-eval: Kafka sinks: the transaction timeout 3600 s exceeds brokers' default transaction.max.timeout.ms (900 s); lower it, or set transaction.timeout.ms as a Kafka property if your brokers allow more (see 'llm-eval stream --help')",
        "stream --source kafka --bootstrap-servers k:1 --no-kafka-sinks --sink-bootstrap-servers k:2 --output o | llm-eval: --no-kafka-sinks and --sink-bootstrap-servers contradict each other (see 'llm-eval stream --help')",
        "generate --records 10 --output o --partitions 3                    | llm-eval: --partitions and --kafka-property need --to-kafka (see 'llm-eval generate --help')",
        "generate --records 10 --output o --to-kafka k:1 --partitions 0    | llm-eval: --partitions must be at least 1 (see 'llm-eval generate --help')",
    })
    void unusableKafkaOptionsAreOneLineUsageErrors(String args, String message) {
        assertThat(usageError(args.strip().split(" +"))).isEqualTo(message);
    }

    @Test
    void buildersValidateWithExactMessages() {
        assertThatThrownBy(() -> KafkaSourceSettings.builder().build())
                .hasMessage("Kafka source: bootstrap servers are required");
        assertThatThrownBy(() -> KafkaSourceSettings.builder().bootstrapServers("k:1").topics(List.of()).build())
                .hasMessage("Kafka source: at least one non-empty topic is required");
        assertThatThrownBy(() -> KafkaSourceSettings.builder().bootstrapServers("k:1").groupId(" ").build())
                .hasMessage("Kafka source: the group id must not be empty");
        assertThatThrownBy(() -> KafkaSinkSettings.builder().build())
                .hasMessage("Kafka sinks: bootstrap servers are required");
        assertThatThrownBy(() -> KafkaSinkSettings.builder().bootstrapServers("k:1").transactionalIdPrefix("").build())
                .hasMessage("Kafka sinks: exactly-once needs a transactional id prefix");
        assertThatThrownBy(() -> KafkaSinkSettings.builder().bootstrapServers("k:1").deadLetterTopic("").build())
                .hasMessage("Kafka sinks: the dead-letter topic must not be empty");
        assertThatThrownBy(() -> KafkaSinkSettings.builder().bootstrapServers("k:1").transactionTimeout(Duration.ZERO).build())
                .hasMessage("Kafka sinks: the transaction timeout must be positive");
        // Brokers configured for longer transactions: the property is the escape hatch.
        assertThat(KafkaSinkSettings.builder().bootstrapServers("k:1").transactionTimeout(Duration.ofHours(1))
                .properties(Map.of("transaction.timeout.ms", "3600000")).build().transactionTimeout()).isEqualTo(Duration.ofHours(1));
        // Without transactions no prefix is needed.
        assertThat(KafkaSinkSettings.builder().bootstrapServers("k:1").deliveryGuarantee(DeliveryGuarantee.NONE)
                .transactionalIdPrefix(null).build().transactionalIdPrefix()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"exactly-once, EXACTLY_ONCE", "AT_LEAST_ONCE, AT_LEAST_ONCE", "At-Least-Once, AT_LEAST_ONCE", "none, NONE"})
    void deliveryGuaranteesParseInEitherSpelling(String text, DeliveryGuarantee expected) {
        assertThat(KafkaSinkSettings.parseDeliveryGuarantee(text)).isEqualTo(expected);
        assertThat(KafkaSinkSettings.parseDeliveryGuarantee(KafkaSinkSettings.id(expected))).isEqualTo(expected);
    }

    @Test
    void alertsGoToFilesAlwaysAndToKafkaOnlyWhenKafkaSinksAreOn(@TempDir Path logs) {
        EvalJobSettings files = streamSettings("stream", "--input", logs.toString(), "--output", "out");
        EvalJobSettings kafka = streamSettings("stream", "--source", "kafka", "--bootstrap-servers", "k:1", "--output", "out");

        assertThat(operatorNames(files)).contains("alerts-jsonl").doesNotContain("kafka-alerts");
        assertThat(operatorNames(kafka)).contains("alerts-jsonl", "kafka-alerts", "kafka-metrics", "kafka-dead-letters");
    }

    /** The operator names of the job these settings define (sink names without their Writer/Committer suffix). */
    private static List<String> operatorNames(EvalJobSettings settings) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        EvalJob.define(env, settings);
        return env.getStreamGraph().getStreamNodes().stream()
                .map(node -> node.getOperatorName().replaceAll(": (Writer|Committer|Global Committer)$", ""))
                .toList();
    }

    @Test
    void sourceAndSinksBuildFromSettings() {
        KafkaSourceSettings source = KafkaSourceSettings.builder().bootstrapServers("k:1").bounded(true).build();
        KafkaSinkSettings sinks = KafkaSinkSettings.builder().bootstrapServers("k:1").build();

        assertThat(KafkaLogSource.of(source, 1024).getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        KafkaOutputs outputs = new KafkaOutputs(sinks);
        assertThat(List.of(outputs.windowMetrics(), outputs.deadLetters(), outputs.alerts())).doesNotContainNull();
    }
}
