package io.llmeval.jobs.kafka;

import io.llmeval.jobs.alerts.AlertEvent;
import io.llmeval.jobs.pipeline.WindowMetrics;
import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.sink.OutputJson;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Properties;

/**
 * The job's Kafka sinks, one per output topic, all with the same delivery guarantee.
 *
 * <pre>{@code
 * KafkaOutputs kafka = new KafkaOutputs(sinkSettings);
 * outputs.windows().sinkTo(kafka.windowMetrics());   // llm_metrics, key model/route
 * outputs.deadLetters().sinkTo(kafka.deadLetters()); // llm_dlq
 * alerts.sinkTo(kafka.alerts());                      // llm_alerts, key alert/model/route
 * }</pre>
 *
 * <p>With EXACTLY_ONCE each sink writes in Kafka transactions that commit when a checkpoint completes,
 * so {@code read_committed} consumers see every window exactly once, after the checkpoint. Every sink gets
 * its own transactional id prefix ({@code <prefix>-metrics}, {@code <prefix>-dlq}, {@code <prefix>-alerts}):
 * sinks of one job must not share ids, or they fence each other.
 */
public final class KafkaOutputs {

    private final KafkaSinkSettings settings;

    public KafkaOutputs(KafkaSinkSettings settings) {
        this.settings = settings;
    }

    /** Window metrics as {@link OutputJson#windowToJson} lines, keyed by {@code model/route}. */
    public KafkaSink<WindowMetrics> windowMetrics() {
        return sink("metrics",
                new JsonRecordSerializer<>(settings.metricsTopic(), KafkaOutputs::modelRoute, OutputJson::windowToJson));
    }

    /** Dead letters as {@link OutputJson#deadLetterToJson} lines, without key. */
    public KafkaSink<DeadLetter> deadLetters() {
        return sink("dlq",
                new JsonRecordSerializer<>(settings.deadLetterTopic(), null, OutputJson::deadLetterToJson));
    }

    /**
     * Alert events as {@link OutputJson#alertToJson} lines, keyed by {@code alert/model/route}: an incident's
     * firing and resolved events land on one partition, in order.
     */
    public KafkaSink<AlertEvent> alerts() {
        return sink("alerts",
                new JsonRecordSerializer<>(settings.alertsTopic(), KafkaOutputs::alertKey, OutputJson::alertToJson));
    }

    /** The key of a window's record: {@code model/route}. */
    public static String modelRoute(WindowMetrics metrics) {
        return metrics.model + "/" + metrics.route;
    }

    /** The key of an alert event's record: {@code alert/model/route}. */
    public static String alertKey(AlertEvent event) {
        return event.alert() + "/" + event.model() + "/" + event.route();
    }

    private <T> KafkaSink<T> sink(String suffix, KafkaRecordSerializationSchema<T> serializer) {
        Properties producer = new Properties();
        producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(settings.transactionTimeout().toMillis()));
        producer.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        producer.putAll(settings.properties());
        KafkaSinkBuilder<T> builder = KafkaSink.<T>builder()
                .setKafkaProducerConfig(producer)
                .setBootstrapServers(settings.bootstrapServers())
                .setDeliveryGuarantee(settings.deliveryGuarantee())
                .setRecordSerializer(serializer);
        if (settings.transactionalIdPrefix() != null && !settings.transactionalIdPrefix().isBlank()) {
            builder.setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + suffix);
        }
        return builder.build();
    }
}
