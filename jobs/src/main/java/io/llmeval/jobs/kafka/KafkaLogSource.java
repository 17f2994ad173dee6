package io.llmeval.jobs.kafka;

import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.Properties;

/**
 * The Kafka source of request logs: record values as {@link RawLine}s ({@link RawLineDeserializer}).
 *
 * <pre>{@code
 * DataStream<RawLine> lines = env.fromSource(KafkaLogSource.of(settings, maxRecordBytes),
 *         WatermarkStrategy.noWatermarks(), "kafka-records");  // the pipeline assigns event time after parsing
 * }</pre>
 *
 * <p>Reads {@code read_committed} unless a property says otherwise (records of aborted transactions
 * never count), commits offsets to the group on checkpoints, and with {@code bounded} stops at the
 * offsets that are latest when the job starts.
 */
public final class KafkaLogSource {

    private KafkaLogSource() {}

    public static KafkaSource<RawLine> of(KafkaSourceSettings settings, int maxRecordBytes) {
        Properties consumer = new Properties();
        consumer.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.putAll(settings.properties());
        KafkaSourceBuilder<RawLine> builder = KafkaSource.<RawLine>builder()
                .setProperties(consumer)
                .setBootstrapServers(settings.bootstrapServers())
                .setTopics(settings.topics())
                .setGroupId(settings.groupId())
                .setClientIdPrefix(settings.groupId())
                .setStartingOffsets(settings.startingOffsets().initializer())
                .setDeserializer(new RawLineDeserializer(maxRecordBytes));
        if (settings.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
