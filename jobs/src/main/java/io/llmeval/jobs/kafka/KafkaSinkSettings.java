package io.llmeval.jobs.kafka;

import org.apache.flink.connector.base.DeliveryGuarantee;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the job writes its outputs to Kafka: window metrics, dead letters and alert events, each as one
 * JSON value per record, exactly once by default.
 *
 * <pre>{@code
 * KafkaSinkSettings sinks = KafkaSinkSettings.builder()
 *         .bootstrapServers("127.0.0.1:9092")
 *         .transactionalIdPrefix("llm-eval-prod")   // stable per job, unique per cluster
 *         .build();                                  // llm_metrics, llm_dlq, llm_alerts; EXACTLY_ONCE
 * }</pre>
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param metricsTopic topic of the window metrics (key {@code model/route})
 * @param deadLetterTopic topic of the dead letters (no key)
 * @param alertsTopic topic of the alert events (key {@code alert/model/route})
 * @param deliveryGuarantee EXACTLY_ONCE (Kafka transactions committed on checkpoints), AT_LEAST_ONCE or NONE
 * @param transactionalIdPrefix prefix of the sinks' transactional ids; each sink appends its own suffix
 * @param transactionTimeout {@code transaction.timeout.ms}: must stay below the broker's {@code transaction.max.timeout.ms}
 *     (15 min by default) and above the longest checkpoint interval plus recovery time
 * @param properties Kafka producer settings passed through as they are (security, batching); they win over defaults
 */
public record KafkaSinkSettings(
        String bootstrapServers,
        String metricsTopic,
        String deadLetterTopic,
        String alertsTopic,
        DeliveryGuarantee deliveryGuarantee,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        Map<String, String> properties) {

    public static final String DEFAULT_METRICS_TOPIC = "llm_metrics";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "llm_dlq";
    public static final String DEFAULT_ALERTS_TOPIC = "llm_alerts";
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "llm-eval";
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);
    /** Kafka brokers' default {@code transaction.max.timeout.ms}; a sink's {@code transaction.timeout.ms} must not exceed it. */
    public static final long BROKER_TRANSACTION_MAX_TIMEOUT_MS = 900_000;

    public KafkaSinkSettings {
        properties = Map.copyOf(properties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses {@code exactly-once}, {@code at-least-once} or {@code none} (any case, '-' or '_'). */
    public static DeliveryGuarantee parseDeliveryGuarantee(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (DeliveryGuarantee guarantee : DeliveryGuarantee.values()) {
            if (guarantee.name().equals(name)) {
                return guarantee;
            }
        }
        throw new IllegalArgumentException("unknown delivery guarantee '" + value + "'; use one of "
                + Arrays.stream(DeliveryGuarantee.values()).map(KafkaSinkSettings::id).collect(Collectors.joining(", ")));
    }

    /** {@code exactly-once}, {@code at-least-once} or {@code none}. */
    public static String id(DeliveryGuarantee guarantee) {
        return guarantee.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Fluent construction with the defaults above; {@link #build()} validates. */
    public static final class Builder {
        private String bootstrapServers;
        private String metricsTopic = DEFAULT_METRICS_TOPIC;
        private String deadLetterTopic = DEFAULT_DEAD_LETTER_TOPIC;
        private String alertsTopic = DEFAULT_ALERTS_TOPIC;
        private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.EXACTLY_ONCE;
        private String transactionalIdPrefix = DEFAULT_TRANSACTIONAL_ID_PREFIX;
        private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {}

        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        public Builder metricsTopic(String topic) {
            this.metricsTopic = topic;
            return this;
        }

        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            return this;
        }

        public Builder alertsTopic(String topic) {
            this.alertsTopic = topic;
            return this;
        }

        public Builder deliveryGuarantee(DeliveryGuarantee guarantee) {
            this.deliveryGuarantee = guarantee;
            return this;
        }

        public Builder transactionalIdPrefix(String prefix) {
            this.transactionalIdPrefix = prefix;
            return this;
        }

        public Builder transactionTimeout(Duration timeout) {
            this.transactionTimeout = timeout;
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> more) {
            properties.putAll(more);
            return this;
        }

        public KafkaSinkSettings build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("Kafka sinks: bootstrap servers are required");
            }
            requireTopic(metricsTopic, "metrics");
            requireTopic(deadLetterTopic, "dead-letter");
            requireTopic(alertsTopic, "alerts");
            if (metricsTopic.equals(deadLetterTopic)) {
                throw new IllegalArgumentException("Kafka sinks: metrics and dead letters need different topics, both are '"
                        + metricsTopic + "'");
            }
            if (alertsTopic.equals(metricsTopic) || alertsTopic.equals(deadLetterTopic)) {
                throw new IllegalArgumentException("Kafka sinks: alerts need a topic of their own, '" + alertsTopic
                        + "' also takes " + (alertsTopic.equals(metricsTopic) ? "metrics" : "dead letters"));
            }
            if (deliveryGuarantee == null) {
                throw new IllegalArgumentException("Kafka sinks: a delivery guarantee is required");
            }
            if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE
                    && (transactionalIdPrefix == null || transactionalIdPrefix.isBlank())) {
                throw new IllegalArgumentException("Kafka sinks: exactly-once needs a transactional id prefix");
            }
            if (transactionTimeout == null || transactionTimeout.isNegative() || transactionTimeout.isZero()) {
                throw new IllegalArgumentException("Kafka sinks: the transaction timeout must be positive");
            }
            if (transactionTimeout.toMillis() > BROKER_TRANSACTION_MAX_TIMEOUT_MS
                    && !properties.containsKey("transaction.timeout.ms")) {
                throw new IllegalArgumentException("Kafka sinks: the transaction timeout " + transactionTimeout.toSeconds()
                        + " s exceeds brokers' default transaction.max.timeout.ms (900 s); lower it, or set "
                        + "transaction.timeout.ms as a Kafka property if your brokers allow more");
            }
            return new KafkaSinkSettings(bootstrapServers.strip(), metricsTopic, deadLetterTopic, alertsTopic,
                    deliveryGuarantee, transactionalIdPrefix, transactionTimeout, properties);
        }

        private static void requireTopic(String topic, String what) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("Kafka sinks: the " + what + " topic must not be empty");
            }
        }
    }
}
