package io.llmeval.cli.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes log lines to a Kafka topic as they are: value = the line's bytes, key = its {@code request_id}
 * (or none when the line has none, e.g. a defective one). Idempotent ({@code enable.idempotence},
 * {@code acks=all}), so retries never duplicate or reorder a partition's lines; {@link #close()} flushes
 * and fails if any line could not be written.
 *
 * <pre>{@code
 * try (KafkaLineProducer producer = new KafkaLineProducer("127.0.0.1:9092", "llm_requests", Map.of())) {
 *     generator.generate(producer::send);
 * }
 * }</pre>
 */
public final class KafkaLineProducer implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private long sent;

    /** @param properties producer settings passed through (security); they win over the defaults */
    public KafkaLineProducer(String bootstrapServers, String topic, Map<String, String> properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.putAll(properties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.topic = topic;
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one line (asynchronously); throws if an earlier send already failed. */
    public void send(byte[] line) throws IOException {
        failIfAnyFailed();
        String requestId = requestId(line);
        byte[] key = requestId == null ? null : requestId.getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, line), (metadata, error) -> {
            if (error != null) {
                firstFailure.compareAndSet(null, error);
            }
        });
        sent++;
    }

    /** Lines handed to {@link #send} so far. */
    public long sent() {
        return sent;
    }

    /** Flushes every pending line, then closes; throws if any line was not written. */
    @Override
    public void close() throws IOException {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
        failIfAnyFailed();
    }

    private void failIfAnyFailed() throws IOException {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IOException("writing to Kafka topic " + topic + " failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * The top-level {@code request_id} string of a JSON object line, or {@code null} when the line is not
     * such an object or has none. Reads only as far as the field.
     */
    public static String requestId(byte[] line) {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("request_id")) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
