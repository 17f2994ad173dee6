package io.llmeval.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Topic administration the CLI needs: create a topic unless it exists, count partitions. */
public final class KafkaTopics {

    private KafkaTopics() {}

    /**
     * Creates {@code topic} with {@code partitions} partitions and the broker's default replication factor.
     *
     * @return {@code true} if it was created, {@code false} if it already existed (its partitions unchanged)
     */
    public static boolean createIfMissing(String bootstrapServers, Map<String, String> properties, String topic,
                                          int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        Map<String, Object> config = new HashMap<>(properties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(60, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create Kafka topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka topic " + topic + ": no answer from " + bootstrapServers
                    + " within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topic " + topic, e);
        }
    }

    /**
     * The number of partitions of {@code topics} together, or empty when one of them does not exist or
     * the brokers do not answer within {@code timeout}.
     */
    public static OptionalInt partitionCount(String bootstrapServers, Map<String, String> properties, List<String> topics,
                                             Duration timeout) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        try (Admin admin = Admin.create(config)) {
            return OptionalInt.of(admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .values().stream().mapToInt(description -> description.partitions().size()).sum());
        } catch (ExecutionException | TimeoutException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
