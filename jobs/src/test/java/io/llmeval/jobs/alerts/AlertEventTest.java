package io.llmeval.jobs.alerts;

import io.llmeval.jobs.kafka.KafkaOutputs;
import io.llmeval.jobs.pipeline.WindowMetrics;
import io.llmeval.jobs.sink.OutputJson;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Alert events as JSON (the fields of sql/alerts.sql's sinks) and as Flink types (POJOs, no Kryo). */
class AlertEventTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @Test
    void firingEventsAreJsonWithTheSqlSinksFieldsInOrder() {
        AlertEvent firing = new AlertEvent("latency_p95_high", AlertState.FIRING, "gpt-4o-mini", "chat",
                T0 + 120_000, T0 + 240_000, 11501.8, 8000.0, 2, List.of("c74d", "a1", "b2"));

        assertThat(OutputJson.alertToJson(firing)).isEqualTo("{\"alert\":\"latency_p95_high\",\"state\":\"firing\","
                + "\"model\":\"gpt-4o-mini\",\"route\":\"chat\",\"window_start\":\"2026-01-01T00:02:00Z\","
                + "\"window_end\":\"2026-01-01T00:04:00Z\",\"value\":11501.8,\"threshold\":8000.0,"
                + "\"breached_windows\":2,\"exemplars\":[\"c74d\",\"a1\",\"b2\"]}");
        assertThat(KafkaOutputs.alertKey(firing)).isEqualTo("latency_p95_high/gpt-4o-mini/chat");
        // Span input: the stage note follows the SQL fields, and the exemplars are that stage's slowest traces.
        assertThat(OutputJson.alertToJson(firing.withStageSlow("retrieve", List.of("t9")))).endsWith(
                "\"breached_windows\":2,\"exemplars\":[\"t9\"],\"stage_slow\":\"retrieve\"}");
    }

    @Test
    void resolvedEventsHaveNoExemplarsAndAMissingValueIsNull() {
        AlertEvent resolved = new AlertEvent("hallucination_spike", AlertState.RESOLVED, "mistral-7b-instruct", "rag",
                T0 + 360_000, T0 + 600_000, Double.NaN, 0.1, 4, null);

        assertThat(OutputJson.alertToJson(resolved)).isEqualTo("{\"alert\":\"hallucination_spike\",\"state\":\"resolved\","
                + "\"model\":\"mistral-7b-instruct\",\"route\":\"rag\",\"window_start\":\"2026-01-01T00:06:00Z\","
                + "\"window_end\":\"2026-01-01T00:10:00Z\",\"value\":null,\"threshold\":0.1,"
                + "\"breached_windows\":4,\"exemplars\":null}");
    }

    @ParameterizedTest
    @ValueSource(classes = {AlertSample.class, AlertEvent.class, AlertKey.class, AlertStateMachine.OpenRun.class,
            WindowMetrics.class})
    void flinkSerializesTheAlertTypesAsPojosWithoutKryo(Class<?> type) throws Exception {
        TypeInformation<?> info = TypeInformation.of(type);

        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getTypeAt(i)).as(pojo.getPojoFieldAt(i).getField().getName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
    }

    @Test
    void eventsSurviveFlinksSerializer() throws Exception {
        AlertEvent event = new AlertEvent("error_rate_high", AlertState.FIRING, "m", "r", T0, T0 + 120_000, 0.35, 0.1, 2,
                List.of("e1"));
        TypeSerializer<AlertEvent> serializer =
                TypeInformation.of(AlertEvent.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(event, out);

        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(event);
    }
}
