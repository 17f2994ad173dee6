package io.llmeval.cli.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole topic, from the beginning up to the end offsets current when reading starts, without a
 * consumer group (nothing is committed). {@code read_committed} unless a property says otherwise, so
 * records of open or aborted transactions are not returned: what a downstream consumer of an
 * exactly-once sink sees.
 *
 * <pre>{@code
 * List<ConsumerRecord<byte[], byte[]>> records =
 *         TopicReader.readToEnd("127.0.0.1:9092", "llm_metrics", Map.of(), Duration.ofSeconds(30));
 * }</pre>
 */
public final class TopicReader {

    private TopicReader() {}

    /**
     * @param properties consumer settings passed through (security, {@code isolation.level})
     * @throws IllegalStateException when the topic does not exist or the end is not reached within {@code timeout}
     */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(String bootstrapServers, String topic,
                                                                 Map<String, String> properties, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putAll(properties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("Kafka topic " + topic + " does not exist at " + bootstrapServers);
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading Kafka topic " + topic + " did not reach its end offsets "
                            + end + " within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        return end.isEmpty();
    }
}
