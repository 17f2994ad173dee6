package io.llmeval.cli.kafka;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The record key {@code llm-eval generate --to-kafka} gives each line. */
class KafkaLineProducerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "{\"request_id\":\"abc\",\"model\":\"m\"}                      | abc",
        "{\"timestamp\":1,\"meta\":{\"request_id\":\"inner\"},\"request_id\":\"outer\"} | outer",
        "{\"nested\":[{\"request_id\":\"x\"}]}                         | NULL",
        "{\"request_id\":42}                                           | NULL",
        "[\"bad-1\",1767225600000]                                     | NULL",
        "{\"request_id\":\"bad-2\",\"timestamp\":1,\"latency_           | bad-2",
        "not json at all                                               | NULL",
    })
    void requestIdIsTheTopLevelStringFieldOrNothing(String line, String expected) {
        assertThat(KafkaLineProducer.requestId(line.strip().getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }
}
