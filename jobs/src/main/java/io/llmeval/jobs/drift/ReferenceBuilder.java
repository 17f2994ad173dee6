package io.llmeval.jobs.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.jobs.schema.FieldMap;
import io.llmeval.jobs.schema.LogRecordParser;
import io.llmeval.jobs.source.InputFile;
import io.llmeval.jobs.source.InputFiles;
import io.llmeval.jobs.schema.ParseResult;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.udfs.drift.ReservoirSampler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link ReferenceDataset} from a baseline slice of traffic: reads log records (or {@code {"text": ...}}
 * lines), keeps those in the time range that have the field's text, samples at most {@code maxRows} of them
 * uniformly (bottom-K by a seeded hash of request_id, the drift windows' sampler), and embeds the sample.
 *
 * <pre>{@code
 * ReferenceBuilder.Result result = new ReferenceBuilder(TextField.PROMPT, 10_000, seed, 2048)
 *         .timeRange(from, to)
 *         .build(List.of("logs"), embedder, System.err);
 * result.dataset().write(Path.of("reference"));
 * }</pre>
 *
 * <p>Each distinct text is embedded once (templated traffic repeats prompts), and texts are cut to the same
 * number of characters as in the drift windows, so the reference and the windows embed the same inputs.
 * Plain Java rather than a Flink job: the output is bounded by {@code maxRows}, and reading is the only part that
 * grows with the input.
 */
public final class ReferenceBuilder {

    /** Default most rows of a reference (the drift stage compares a 1,000-row subsample per key). */
    public static final int DEFAULT_MAX_ROWS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EMBED_CHUNK = 256;

    private final TextField field;
    private final int maxRows;
    private final long seed;
    private final int maxTextChars;
    private Instant from;
    private Instant to;
    private FieldMap fieldMap;

    public ReferenceBuilder(TextField field, int maxRows, long seed, int maxTextChars) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("--max must be at least 2, got " + maxRows);
        }
        this.field = field;
        this.maxRows = maxRows;
        this.seed = seed;
        this.maxTextChars = maxTextChars;
    }

    /** Keeps only records with {@code from <= timestamp < to}; either bound may be {@code null}. */
    public ReferenceBuilder timeRange(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        return this;
    }

    /** Reads the user's own records through {@code map} ({@code --field-map}); {@code null}: schema v1. */
    public ReferenceBuilder fieldMap(FieldMap map) {
        this.fieldMap = map;
        return this;
    }

    /** What a build produced and skipped. */
    public record Result(ReferenceDataset dataset, long linesRead, long rowsEligible, int distinctTexts,
                         Map<String, Long> skipped) {}

    public Result build(List<String> inputs, SentenceEmbedder embedder, PrintStream progress) throws IOException {
        Sample sample = read(inputs);
        List<DriftObservation> rows = sample.rows.items();
        if (rows.size() < 2) {
            throw new IllegalArgumentException("the inputs hold " + rows.size() + " usable " + field.id()
                    + " texts; a reference needs at least 2 (skipped: " + sample.skipped + ")");
        }

        // One vector per distinct text, in chunks so that progress shows.
        Map<String, float[]> vectors = new LinkedHashMap<>();
        rows.forEach(row -> vectors.put(row.text, null));
        List<String> distinct = new ArrayList<>(vectors.keySet());
        for (int start = 0; start < distinct.size(); start += EMBED_CHUNK) {
            List<String> chunk = distinct.subList(start, Math.min(distinct.size(), start + EMBED_CHUNK));
            float[][] embedded = embedder.embed(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                vectors.put(chunk.get(i), embedded[i]);
            }
            progress.printf("llm-eval reference: embedded %d of %d distinct texts%n", start + chunk.size(), distinct.size());
        }

        List<ReferenceDataset.Key> keys = new ArrayList<>();
        float[][] matrix = new float[rows.size()][];
        int[] keyIndex = new int[rows.size()];
        long[] inputTokens = new long[rows.size()];
        long[] outputTokens = new long[rows.size()];
        Long first = null;
        Long last = null;
        for (int i = 0; i < rows.size(); i++) {
            DriftObservation row = rows.get(i);
            matrix[i] = vectors.get(row.text);
            if (row.model == null) {
                keyIndex[i] = -1;
            } else {
                ReferenceDataset.Key key = new ReferenceDataset.Key(row.model, row.route);
                int k = keys.indexOf(key);
                if (k < 0) {
                    keys.add(key);
                    k = keys.size() - 1;
                }
                keyIndex[i] = k;
            }
            inputTokens[i] = row.inputTokens;
            outputTokens[i] = row.outputTokens;
            if (row.timestampMillis != Long.MIN_VALUE) {
                first = first == null ? row.timestampMillis : Math.min(first, row.timestampMillis);
                last = last == null ? row.timestampMillis : Math.max(last, row.timestampMillis);
            }
        }
        List<String> sources = List.copyOf(inputs);
        ReferenceDataset dataset = new ReferenceDataset(embedder.fingerprint(), field, matrix, keyIndex, keys,
                inputTokens, outputTokens, new ReferenceDataset.Provenance(first, last, sources));
        return new Result(dataset, sample.lines, sample.rows.seenCount(), distinct.size(), sample.skipped);
    }

    private Sample read(List<String> inputs) throws IOException {
        Sample sample = new Sample(new ReservoirSampler<>(maxRows, seed, DriftObservation.CODEC));
        LogRecordParser parser = new LogRecordParser(ParserLimits.DEFAULTS, fieldMap);
        for (InputFile file : InputFiles.list(inputs)) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(InputFiles.open(file), StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                long number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    sample.lines++;
                    accept(line, file.path() + ":" + number, parser, sample);
                }
            }
        }
        return sample;
    }

    private void accept(String line, String position, LogRecordParser parser, Sample sample) {
        ParseResult parsed = parser.parse(line, position);
        DriftObservation row;
        if (parsed.isValid()) {
            row = ToDriftObservation.of(parsed.record(), field, maxTextChars);
            if (row == null) {
                sample.skip("no_" + field.id());
                return;
            }
            if ((from != null && row.timestampMillis < from.toEpochMilli())
                    || (to != null && row.timestampMillis >= to.toEpochMilli())) {
                sample.skip("outside_time_range");
                return;
            }
        } else {
            String text = plainText(line);
            if (text == null) {
                sample.skip(parsed.deadLetter().reason);
                return;
            }
            if (from != null || to != null) {
                sample.skip("outside_time_range"); // a plain text has no time
                return;
            }
            row = new DriftObservation();
            row.requestId = position;
            row.timestampMillis = Long.MIN_VALUE;
            row.text = ToDriftObservation.cut(text, maxTextChars);
            row.inputTokens = -1;
            row.outputTokens = -1;
        }
        sample.rows.offer(row.requestId, row);
    }

    /** The text of a {@code {"text": "..."}} line, or null. */
    private static String plainText(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode text = node == null ? null : node.get("text");
            return text != null && text.isTextual() && !text.asText().isBlank() ? text.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static final class Sample {
        final ReservoirSampler<DriftObservation> rows;
        final Map<String, Long> skipped = new TreeMap<>();
        long lines;

        Sample(ReservoirSampler<DriftObservation> rows) {
            this.rows = rows;
        }

        void skip(String reason) {
            skipped.merge(reason, 1L, Long::sum);
        }
    }
}
