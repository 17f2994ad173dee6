package io.llmeval.cli.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmeval.jobs.schema.LogRecordParser;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.jobs.schema.RawLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code llm-eval generate --format otlp-json}: the generator's traffic as OpenTelemetry spans, one OTLP/JSON
 * {@code ExportTraceServiceRequest} per line as the Collector's file exporter writes them (docs/otel.md).
 *
 * <pre>{@code
 * new OtlpTrafficWriter(GeneratorConfig.of(19_200, 42, EnumSet.allOf(IncidentType.class)), true).writeTo(dir);
 * // dir/logs/part-00000.jsonl ..., dir/incidents.json with {"type": "slow_stage", ..., "stage": "retrieve"}
 * }</pre>
 *
 * <p>Each request of {@link TrafficGenerator} becomes a trace ({@link SpanTraffic}); a document holds the spans of
 * {@link #TRACES_PER_DOCUMENT} requests in arrival order, and a quarter of the request spans are only exported with
 * the next document (a parent ends after its children), so traces straddle documents. A defective line of
 * {@code --malformed-rate} stays as it is: a document that cannot be read. The same config gives the same bytes.
 */
public final class OtlpTrafficWriter {

    static final int TRACES_PER_DOCUMENT = 8;
    private static final double DEFERRED_REQUEST_SHARE = 0.25;

    private final GeneratorConfig config;
    private final TrafficGenerator generator;
    private final SlowStage slowStage;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param slowStage inject the {@code slow_stage} incident */
    public OtlpTrafficWriter(GeneratorConfig config, boolean slowStage) {
        this.config = config;
        this.generator = new TrafficGenerator(config);
        this.slowStage = slowStage ? SlowStage.plan(config) : null;
    }

    /** The injected incidents: the generator's, and {@code slow_stage} with its stage. */
    public String incidentsJson() throws JsonProcessingException {
        ArrayNode incidents = (ArrayNode) mapper.readTree(generator.incidentsJson());
        if (slowStage != null) {
            incidents.addObject()
                    .put("type", SlowStage.ID)
                    .put("model", slowStage.model())
                    .put("route", slowStage.route())
                    .put("start", Instant.ofEpochMilli(slowStage.startMillis()).toString())
                    .put("end", Instant.ofEpochMilli(slowStage.endMillis()).toString())
                    .put("stage", slowStage.stage());
        }
        return incidents.toPrettyString();
    }

    /** What a run wrote: documents, their files, and the incidents file. */
    public record Result(long documents, List<Path> files, Path incidentsFile) {}

    /** Writes {@code dir/logs/part-NNNNN.jsonl[.gz]} (documents per file: records per file / traces per document). */
    public Result writeTo(Path dir) throws IOException {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        RotatingLines files = new RotatingLines(logs, Math.max(1, config.recordsPerFile() / TRACES_PER_DOCUMENT), config.gzip());
        try (files) {
            generate(files::write);
        }
        Path incidentsFile = dir.resolve("incidents.json");
        Files.writeString(incidentsFile, incidentsJson() + "\n");
        return new Result(files.written(), files.files(), incidentsFile);
    }

    /** Hands every document (one line) to {@code consumer}, in order. */
    public void generate(TrafficGenerator.LineConsumer consumer) throws IOException {
        SpanTraffic traffic = new SpanTraffic(mapper, slowStage);
        LogRecordParser records = new LogRecordParser(ParserLimits.DEFAULTS);
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x6f746c70L);
        List<ObjectNode> spans = new ArrayList<>();
        List<ObjectNode> deferred = new ArrayList<>();
        int[] traces = {0};
        generator.generate(line -> {
            if (!records.parse(new RawLine(line, "generated", false)).isValid()) {
                consumer.accept(line); // a defective line: a document that cannot be read
                return;
            }
            SpanTraffic.Trace trace = traffic.trace(mapper.readTree(line));
            spans.addAll(trace.stages());
            (random.nextDouble() < DEFERRED_REQUEST_SHARE ? deferred : spans).add(trace.request());
            if (++traces[0] == TRACES_PER_DOCUMENT) {
                consumer.accept(document(spans));
                spans.clear();
                spans.addAll(deferred);
                deferred.clear();
                traces[0] = 0;
            }
        });
        spans.addAll(deferred);
        if (!spans.isEmpty()) {
            consumer.accept(document(spans));
        }
    }

    private byte[] document(List<ObjectNode> spans) {
        ObjectNode document = mapper.createObjectNode();
        ObjectNode resourceSpans = document.putArray("resourceSpans").addObject();
        resourceSpans.putObject("resource").putArray("attributes").addObject()
                .put("key", "service.name").putObject("value").put("stringValue", "llm-gateway");
        ObjectNode scopeSpans = resourceSpans.putArray("scopeSpans").addObject();
        scopeSpans.putObject("scope").put("name", "llm-eval-generator");
        scopeSpans.putArray("spans").addAll(spans);
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }
}
