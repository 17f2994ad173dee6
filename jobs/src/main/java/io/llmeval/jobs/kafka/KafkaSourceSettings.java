package io.llmeval.jobs.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the streaming job reads request logs from Kafka: one record value is one JSON log record.
 *
 * <pre>{@code
 * KafkaSourceSettings source = KafkaSourceSettings.builder()
 *         .bootstrapServers("127.0.0.1:9092")
 *         .topics(List.of("llm_requests"))
 *         .bounded(true)                                   // stop at the offsets current at start
 *         .property("security.protocol", "SASL_SSL")       // any consumer setting passes through
 *         .build();
 * }</pre>
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param topics topics to read (at least one)
 * @param groupId consumer group: offsets are committed to it on checkpoints (monitoring, {@code committed} restarts)
 * @param startingOffsets where a job without state starts
 * @param bounded read up to the offsets that are latest when the job starts, then finish
 * @param properties Kafka consumer settings passed through as they are (security, timeouts); they win over defaults
 */
public record KafkaSourceSettings(
        String bootstrapServers,
        List<String> topics,
        String groupId,
        StartingOffsets startingOffsets,
        boolean bounded,
        Map<String, String> properties) {

    public static final String DEFAULT_TOPIC = "llm_requests";
    public static final String DEFAULT_GROUP_ID = "llm-eval";

    public KafkaSourceSettings {
        topics = List.copyOf(topics);
        properties = Map.copyOf(properties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction with the defaults above; {@link #build()} validates. */
    public static final class Builder {
        private String bootstrapServers;
        private List<String> topics = List.of(DEFAULT_TOPIC);
        private String groupId = DEFAULT_GROUP_ID;
        private StartingOffsets startingOffsets = StartingOffsets.EARLIEST;
        private boolean bounded;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {}

        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        public Builder topics(List<String> topics) {
            this.topics = topics;
            return this;
        }

        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder startingOffsets(StartingOffsets offsets) {
            this.startingOffsets = offsets;
            return this;
        }

        public Builder bounded(boolean bounded) {
            this.bounded = bounded;
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

        public KafkaSourceSettings build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("Kafka source: bootstrap servers are required");
            }
            if (topics == null || topics.isEmpty() || topics.stream().anyMatch(t -> t == null || t.isBlank())) {
                throw new IllegalArgumentException("Kafka source: at least one non-empty topic is required");
            }
            if (groupId == null || groupId.isBlank()) {
                throw new IllegalArgumentException("Kafka source: the group id must not be empty");
            }
            if (startingOffsets == null) {
                throw new IllegalArgumentException("Kafka source: starting offsets are required");
            }
            return new KafkaSourceSettings(bootstrapServers.strip(), topics.stream().map(String::strip).toList(),
                    groupId, startingOffsets, bounded, properties);
        }
    }
}
