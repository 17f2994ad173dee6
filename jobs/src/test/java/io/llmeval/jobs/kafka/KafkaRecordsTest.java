package io.llmeval.jobs.kafka;

import io.llmeval.jobs.pipeline.WindowMetrics;
import io.llmeval.jobs.schema.LogRecordParser;
import io.llmeval.jobs.schema.ParseResult;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.jobs.schema.RawLine;
import io.llmeval.jobs.sink.OutputJson;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain unit tests of the Kafka record (de)serialization: no broker, no Flink runtime. */
class KafkaRecordsTest {

    private static final String VALID = "{\"request_id\":\"r1\",\"timestamp\":\"2026-01-01T00:00:01Z\","
            + "\"model\":\"gpt-4o-mini\",\"route\":\"chat\",\"latency_ms\":120}";

    private static RawLine deserialize(RawLineDeserializer deserializer, String topic, int partition, long offset, byte[] value) {
        List<RawLine> out = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>(topic, partition, offset, null, value), new Collector<>() {
            @Override
            public void collect(RawLine line) {
                out.add(line);
            }

            @Override
            public void close() {}
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void deserializerKeepsTheValueBytesAndTheRecordPosition() {
        RawLine line = deserialize(new RawLineDeserializer(1 << 20), "llm_requests", 2, 1234, VALID.getBytes(StandardCharsets.UTF_8));

        assertThat(line.bytes).isEqualTo(VALID.getBytes(StandardCharsets.UTF_8));
        assertThat(line.source).isEqualTo("llm_requests-2@1234");
        assertThat(line.truncated).isFalse();
        ParseResult parsed = new LogRecordParser(ParserLimits.DEFAULTS).parse(line);
        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.record().source).isEqualTo("llm_requests-2@1234");
    }

    @Test
    void invalidUtf8ReachesTheParserUnchangedAndIsDeadLettered() {
        byte[] latin1 = "{\"request_id\":\"r\",\"prompt\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        RawLine line = deserialize(new RawLineDeserializer(1 << 20), "t", 0, 7, latin1);
        ParseResult parsed = new LogRecordParser(ParserLimits.DEFAULTS).parse(line);

        assertThat(line.bytes).isEqualTo(latin1);
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.deadLetter().reason).isEqualTo("invalid_utf8");
        assertThat(parsed.deadLetter().source).isEqualTo("t-0@7");
    }

    @Test
    void longValuesKeepTheirHeadAndAreFlaggedTruncated() {
        byte[] value = ("{\"prompt\":\"" + "x".repeat(500) + "\"}").getBytes(StandardCharsets.UTF_8);

        RawLine line = deserialize(new RawLineDeserializer(100), "t", 0, 0, value);
        ParseResult parsed = new LogRecordParser(new ParserLimits(100, 4096, 64)).parse(line);

        assertThat(line.truncated).isTrue();
        assertThat(line.bytes).hasSize(100).startsWith("{\"prompt\":".getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.deadLetter().reason).isEqualTo("record_too_large");
    }

    @Test
    void tombstonesAreDeadLetteredNotSkipped() {
        RawLine line = deserialize(new RawLineDeserializer(1 << 20), "t", 1, 3, null);
        ParseResult parsed = new LogRecordParser(ParserLimits.DEFAULTS).parse(line);

        assertThat(line.bytes).isEmpty();
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.deadLetter().source).isEqualTo("t-1@3");
    }

    @Test
    void windowRecordsAreKeyedByModelAndRouteWithTheFileJson() {
        WindowMetrics metrics = new WindowMetrics();
        metrics.windowStartMillis = 0;
        metrics.windowEndMillis = 60_000;
        metrics.model = "llama-3.1-8b-instruct";
        metrics.route = "rag";
        JsonRecordSerializer<WindowMetrics> serializer =
                new JsonRecordSerializer<>("llm_metrics", KafkaOutputs::modelRoute, OutputJson::windowToJson);

        ProducerRecord<byte[], byte[]> record = serializer.serialize(metrics, null, 59_999L);

        assertThat(record.topic()).isEqualTo("llm_metrics");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("llama-3.1-8b-instruct/rag");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(OutputJson.windowToJson(metrics));
        assertThat(record.timestamp()).isNull();
        assertThat(record.partition()).isNull();
    }
}
