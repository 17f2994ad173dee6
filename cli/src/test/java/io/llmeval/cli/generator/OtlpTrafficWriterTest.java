package io.llmeval.cli.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.otel.OtlpJsonParser;
import io.llmeval.jobs.pipeline.PipelineConfig;
import io.llmeval.jobs.schema.ParseResult;
import io.llmeval.jobs.schema.ParserLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator's span traffic: readable OTLP/JSON, one request span per record, deterministic, incidents listed. */
class OtlpTrafficWriterTest {

    private static List<byte[]> documents(GeneratorConfig config, boolean slowStage) throws Exception {
        List<byte[]> documents = new ArrayList<>();
        new OtlpTrafficWriter(config, slowStage).generate(documents::add);
        return documents;
    }

    @Test
    void everyRecordBecomesARequestSpanWithStageChildrenThatTheJobReads() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(2_000, 3, EnumSet.noneOf(IncidentType.class)).withMalformedRate(0.01);
        OtlpJsonParser parser = new OtlpJsonParser(ParserLimits.DEFAULTS, PipelineConfig.defaults().input().otel());
        List<ParseResult> results = new ArrayList<>();
        List<byte[]> documents = documents(config, false);
        for (byte[] document : documents) {
            parser.parse(new String(document, StandardCharsets.UTF_8), "gen", results::add);
        }

        long requests = results.stream().filter(r -> r.isValid() && r.record().isRequest()).count();
        long defective = results.stream().filter(r -> !r.isValid()).count();
        assertThat(defective).isPositive();
        assertThat(requests + defective).isEqualTo(2_000);
        Set<String> stages = new HashSet<>();
        results.stream().filter(r -> r.isValid() && !r.record().isRequest()).forEach(r -> stages.add(r.record().span.stage));
        assertThat(stages).containsExactlyInAnyOrder("tokenize", "embed", "retrieve", "queue", "prefill", "decode", "post_process");
        assertThat(results).filteredOn(r -> r.isValid() && r.record().isRequest()).allSatisfy(r -> {
            assertThat(r.record().route).isIn("chat", "rag");
            assertThat(r.record().inputTokens).isNotNull();
        });
        // Deterministic.
        List<byte[]> again = documents(config, false);
        assertThat(again).hasSameSizeAs(documents);
        assertThat(new String(again.get(7), StandardCharsets.UTF_8)).isEqualTo(new String(documents.get(7), StandardCharsets.UTF_8));
    }

    @Test
    void slowStageIsListedWithItsStageAndSlowsThatStageOnly(@TempDir Path dir) throws Exception {
        GeneratorConfig config = GeneratorConfig.of(16_800, 5, EnumSet.of(IncidentType.LATENCY_SPIKE));
        OtlpTrafficWriter.Result result = new OtlpTrafficWriter(config, true).writeTo(dir);

        JsonNode incidents = new ObjectMapper().readTree(Files.readString(result.incidentsFile()));
        assertThat(incidents).extracting(i -> i.get("type").asText()).containsExactly("latency_spike", "slow_stage");
        JsonNode slow = incidents.get(1);
        assertThat(slow.get("stage").asText()).isEqualTo("retrieve");
        assertThat(slow.get("start").asText()).isEqualTo("2026-01-01T00:08:00Z");
        assertThat(slow.get("end").asText()).isEqualTo("2026-01-01T00:12:00Z");
        assertThat(result.files()).isNotEmpty();
        assertThat(Files.readAllLines(result.files().get(0)).get(0)).startsWith("{\"resourceSpans\":[{\"resource\"");
    }

    @Test
    void tooFewRecordsForTheSlowStageIsAClearError() {
        assertThatThrownBy(() -> new OtlpTrafficWriter(GeneratorConfig.of(5_000, 1, EnumSet.noneOf(IncidentType.class)), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("too few records for incident slow_stage");
    }
}
