package io.llmeval.jobs.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Writes each element as one Kafka record: the value is its JSON text (UTF-8), the key an optional
 * string of it (records with equal keys land on the same partition, in order). The record timestamp is
 * left to the producer (the time of writing): event times can be older than the topic's retention.
 */
final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** A serializable element-to-string function. */
    interface ToText<T> extends Function<T, String>, Serializable {}

    private final String topic;
    private final ToText<T> key;
    private final ToText<T> json;

    /** @param key the record key, or {@code null} for records without key */
    JsonRecordSerializer(String topic, ToText<T> key, ToText<T> json) {
        this.topic = topic;
        this.key = key;
        this.json = json;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        byte[] keyBytes = key == null ? null : key.apply(element).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, keyBytes, json.apply(element).getBytes(StandardCharsets.UTF_8));
    }
}
