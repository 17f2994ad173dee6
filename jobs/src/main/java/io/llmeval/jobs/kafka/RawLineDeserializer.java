package io.llmeval.jobs.kafka;

import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Arrays;

/**
 * Turns a Kafka record into a {@link RawLine} without decoding it: the value's bytes as they are (so
 * invalid UTF-8 reaches the parser and is dead-lettered, not replaced), and the record's position
 * {@code topic-partition@offset} as its source. Values longer than {@code maxRecordBytes} keep only
 * their head and are flagged {@code truncated}, as the file reader does with long lines. A record with
 * no value (a tombstone) becomes an empty line, which the parser dead-letters: nothing is skipped.
 */
public final class RawLineDeserializer implements KafkaRecordDeserializationSchema<RawLine> {

    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    private final int maxRecordBytes;

    public RawLineDeserializer(int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 1, got " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
        byte[] value = record.value() == null ? EMPTY : record.value();
        boolean truncated = value.length > maxRecordBytes;
        byte[] bytes = truncated ? Arrays.copyOf(value, maxRecordBytes) : value;
        out.collect(new RawLine(bytes, source(record.topic(), record.partition(), record.offset()), truncated));
    }

    /** {@code topic-partition@offset}, e.g. {@code llm_requests-2@1234}. */
    public static String source(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }
}
