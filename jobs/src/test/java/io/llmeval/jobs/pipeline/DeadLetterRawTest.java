package io.llmeval.jobs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.DeadLetterRaw;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.jobs.schema.RawLine;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm-eval.privacy.dead-letter-raw} = keep | mask | drop where dead letters are made: the parse operator,
 * the late-record operator, and a whole job over a file whose malformed lines hold secrets.
 */
class DeadLetterRawTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String EMAIL = "alice.jones@example.org";
    private static final String KEY = "sk-proj-Zq3mT8vXw2LkR9pYb4NcJh7FdS1aGe6U";
    private static final String CARD = "5555-5555-5555-4444";
    private static final String PROMPT = "I am " + EMAIL + ", my key is " + KEY + " and my card " + CARD;
    private static final List<String> SECRETS = List.of(EMAIL, KEY, CARD);

    private static String valid(int i) {
        return "{\"request_id\":\"ok-" + i + "\",\"timestamp\":\"2026-01-01T00:00:" + String.format("%02d", i % 60)
                + "Z\",\"model\":\"m\",\"route\":\"chat\",\"latency_ms\":" + (100 + i) + ",\"prompt\":\"" + PROMPT + "\"}";
    }

    /** Valid records with the secret prompt, and three malformed lines that carry it too. */
    private static List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(valid(i));
        }
        lines.add(10, "{\"request_id\":\"bad-1\",\"timestamp\":\"2026-01-01T00:00:10Z\",\"prompt\":\"" + PROMPT + "\"");
        lines.add(20, "{\"request_id\":\"bad-2\",\"timestamp\":\"2026-01-01T00:00:20Z\",\"model\":\"m\",\"latency_ms\":-1,"
                + "\"prompt\":\"" + PROMPT + "\"}");
        lines.add(30, "user said: " + PROMPT);
        return lines;
    }

    @ParameterizedTest
    @EnumSource(DeadLetterRaw.class)
    void jobWritesDeadLettersAsConfigured(DeadLetterRaw mode, @TempDir Path work) throws Exception {
        Path logs = Files.createDirectories(work.resolve("logs"));
        Files.write(logs.resolve("app.jsonl"), logLines(), StandardCharsets.UTF_8);
        Configuration conf = new Configuration();
        conf.set(PrivacyOptions.DEAD_LETTER_RAW, mode);
        Path out = work.resolve("out");

        EvalJob.run(new EvalJobSettings(RuntimeExecutionMode.BATCH, List.of(logs.toString()), out.toString(), null, 2,
                Duration.ofSeconds(1), conf, null, 0), "privacy-" + mode);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> deadLetters = new ArrayList<>();
        for (String line : OutputFiles.sortedLines(out, FileOutputs.DEAD_LETTERS_DIR)) {
            deadLetters.add(json.readTree(line));
        }
        assertThat(deadLetters).extracting(d -> d.get("reason").asText())
                .containsExactlyInAnyOrder("malformed_json", "invalid_field:latency_ms", "malformed_json");
        for (JsonNode d : deadLetters) {
            assertThat(d.get("source").asText()).matches(".*app\\.jsonl:\\d+");
            switch (mode) {
                case KEEP -> assertThat(d.get("raw").asText()).contains(EMAIL, KEY, CARD);
                case MASK -> assertThat(d.get("raw").asText()).contains("<email>", "<api_key>", "<card>");
                case DROP -> assertThat(d.get("raw").isNull()).isTrue();
            }
        }
        // Outside the dead letters (windows, alerts, CSV) no output holds a prompt, whatever the mode.
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (mode == DeadLetterRaw.KEEP && file.toString().contains(FileOutputs.DEAD_LETTERS_DIR)) {
                    continue;
                }
                for (String secret : SECRETS) {
                    assertThat(text).as("output file %s", file).doesNotContain(secret);
                }
            }
        }
    }

    /** The parse operator (harness): dropped and masked raw texts on the dead-letter side output. */
    @Test
    void parseOperatorAppliesTheMode() throws Exception {
        byte[] bad = ("{\"prompt\":\"" + PROMPT + "\"").getBytes(StandardCharsets.UTF_8);
        for (DeadLetterRaw mode : DeadLetterRaw.values()) {
            var harness = ProcessFunctionTestHarnesses.forProcessFunction(
                    new ParseLogRecords(new ParserLimits(1 << 20, 4096, 64, mode), PipelineConfig.defaults().input()));
            harness.processElement(new RawLine(bad, "f:1", false), 0);

            List<DeadLetter> dead = harness.getSideOutput(ParseLogRecords.DEAD_LETTERS).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).raw).isEqualTo(DeadLetterRaw.KEEP == mode ? new String(bad, StandardCharsets.UTF_8)
                    : DeadLetterRaw.DROP == mode ? null
                    : "{\"prompt\":\"I am <email>, my key is <api_key> and my card <card>\"");
            harness.close();
        }
    }

    /** The late-record operator (harness): its facts JSON keeps ids and numbers when masked, nothing when dropped. */
    @Test
    void lateRecordOperatorAppliesTheMode() throws Exception {
        RequestFacts facts = new RequestFacts();
        facts.requestId = "late-1";
        facts.model = "m";
        facts.route = "chat";
        facts.timestampMillis = 1_767_225_600_000L;
        facts.latencyMs = 120;
        facts.traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        facts.source = "f:9";
        String keep = LateRecordToDeadLetter.factsJson(facts);
        for (DeadLetterRaw mode : DeadLetterRaw.values()) {
            var harness = new OneInputStreamOperatorTestHarness<>(
                    new StreamMap<>(new LateRecordToDeadLetter(new ParserLimits(1 << 20, 4096, 64, mode))));
            harness.open();
            harness.processElement(facts, 0);

            DeadLetter dead = (DeadLetter) harness.extractOutputValues().get(0);
            assertThat(dead.reason).isEqualTo(LateRecordToDeadLetter.REASON);
            assertThat(dead.source).isEqualTo("f:9");
            assertThat(dead.raw).isEqualTo(mode == DeadLetterRaw.DROP ? null : keep);
            harness.close();
        }
    }
}
