package io.llmeval.cli.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Synthetic but realistic LLM request logs with named, scheduled incidents: the test-data engine of
 * the project.
 *
 * <pre>{@code
 * GeneratorConfig config = GeneratorConfig.of(50_000, 42, EnumSet.allOf(IncidentType.class));
 * GeneratorResult result = new TrafficGenerator(config).writeTo(Path.of("out"));
 * // out/logs/part-00000.jsonl ... and out/incidents.json
 * }</pre>
 *
 * <p>Requests arrive as a Poisson process spread over three models × two routes; latencies are
 * time-to-first-token plus decode time at the model's token rate, with a heavy tail; RAG answers restate
 * a fact of their retrieved context or, when hallucinated, change a number, swap a name or invent a claim.
 * Lines are written in arrival order — up to {@link GeneratorConfig#maxShipDelayMillis()} after their event
 * time, so out of order by seconds as shippers deliver them — and timestamps mix RFC 3339 (UTC and offset)
 * with epoch milliseconds, as numbers and strings. The same config always gives the same bytes.
 */
public final class TrafficGenerator {

    static final List<ServiceKey> KEYS = List.of(
            new ServiceKey("gpt-4o-mini", "chat", 650, false),
            new ServiceKey("gpt-4o-mini", "rag", 900, true),
            new ServiceKey("llama-3.1-8b-instruct", "chat", 1100, false),
            new ServiceKey("llama-3.1-8b-instruct", "rag", 1400, true),
            new ServiceKey("mistral-7b-instruct", "chat", 1200, false),
            new ServiceKey("mistral-7b-instruct", "rag", 1500, true));

    private static final String[] TENANTS = {"acme", "globex", "initech", "umbrella"};
    private static final String[] ERROR_TYPES = {"timeout", "rate_limited", "server_error", "context_length_exceeded"};

    private static final double BASE_ERROR_RATE = 0.01;
    private static final double BURST_ERROR_RATE = 0.35;
    private static final double BASE_HALLUCINATION_RATE = 0.04;
    private static final double SPIKE_HALLUCINATION_RATE = 0.45;
    private static final double DRIFT_TOPIC_SHARE = 0.7;
    private static final double CHAT_REFERENCE_SHARE = 0.3;
    private static final double TAIL_SHARE = 0.02;

    private final GeneratorConfig config;
    private final TextCorpus corpus;
    private final List<Incident> incidents;
    private final ObjectMapper mapper = new ObjectMapper();

    /** Clean records in {@code DIR/reference.jsonl}: about 1,000 per key, a drift reference's size per key. */
    public static final long DEFAULT_REFERENCE_RECORDS = 6_000;
    public static final String REFERENCE_FILE = "reference.jsonl";
    /** The reference ends at least this long before the logs start (Poisson arrivals overshoot the nominal span). */
    private static final long REFERENCE_GAP_MILLIS = 60_000;

    public TrafficGenerator(GeneratorConfig config) {
        this(config, config.seed());
    }

    private TrafficGenerator(GeneratorConfig config, long corpusSeed) {
        this.config = config;
        this.corpus = new TextCorpus(corpusSeed);
        this.incidents = IncidentSchedule.plan(config, KEYS);
    }

    /**
     * Writes {@code records} clean records — the traffic's distribution without incidents or defects, over the
     * same knowledge base — to {@code file}, timed just before the logs start, as a drift reference
     * ({@code --reference DIR/reference.jsonl}). Its own random stream, so its request ids differ from the logs'.
     */
    public Path writeReference(Path file, long records) throws IOException {
        long spanMillis = (long) Math.ceil(records / config.ratePerSecond() * 1000);
        GeneratorConfig clean = new GeneratorConfig(records, config.seed() ^ 0x7265666572656E63L, config.ratePerSecond(),
                config.start().minusMillis(spanMillis + REFERENCE_GAP_MILLIS), java.util.EnumSet.noneOf(IncidentType.class), false,
                config.recordsPerFile(), 0, 0, config.texts());
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            new TrafficGenerator(clean, config.seed()).generate(line -> {
                out.write(line);
                out.write('\n');
            });
        }
        return file;
    }

    public List<Incident> incidents() {
        return incidents;
    }

    /** What a run wrote. */
    public record GeneratorResult(long records, List<Path> files, Path incidentsFile, List<Incident> incidents) {}

    /** Writes {@code dir/logs/part-NNNNN.jsonl[.gz]} and {@code dir/incidents.json}. */
    public GeneratorResult writeTo(Path dir) throws IOException {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        RotatingLines writer = new RotatingLines(logs, config.recordsPerFile(), config.gzip());
        try (writer) {
            generate(writer::write);
        }
        Path incidentsFile = dir.resolve("incidents.json");
        Files.writeString(incidentsFile, incidentsJson() + "\n");
        return new GeneratorResult(writer.written(), writer.files(), incidentsFile, incidents);
    }

    /** The {@code incidents.json} manifest: {@code [{"type","model","route","start","end"}]}, end exclusive. */
    public String incidentsJson() {
        ArrayNode array = mapper.createArrayNode();
        for (Incident incident : incidents) {
            array.addObject()
                    .put("type", incident.type().id())
                    .put("model", incident.model())
                    .put("route", incident.route())
                    .put("start", Instant.ofEpochMilli(incident.startMillis()).toString())
                    .put("end", Instant.ofEpochMilli(incident.endMillis()).toString());
        }
        return array.toPrettyString();
    }

    /** Receives generated lines in arrival order. */
    public interface LineConsumer {
        void accept(byte[] line) throws IOException;
    }

    /**
     * Generates every line and hands it to {@code consumer} in arrival order. Memory stays bounded:
     * a line can only be overtaken by lines generated within the maximum shipping delay after it.
     */
    public void generate(LineConsumer consumer) throws IOException {
        SplittableRandom random = new SplittableRandom(config.seed());
        record Arrival(long arrivalMillis, long sequence, byte[] line) {}
        PriorityQueue<Arrival> inFlight = new PriorityQueue<>(
                Comparator.comparingLong(Arrival::arrivalMillis).thenComparingLong(Arrival::sequence));
        double eventMillis = config.start().toEpochMilli();
        double meanGapMillis = 1000.0 / config.ratePerSecond();
        for (long i = 0; i < config.records(); i++) {
            eventMillis += -Math.log(1 - random.nextDouble()) * meanGapMillis;
            long timestamp = (long) eventMillis;
            // Everything due before this event time has been delivered: later events arrive later.
            while (!inFlight.isEmpty() && inFlight.peek().arrivalMillis() <= timestamp) {
                consumer.accept(inFlight.poll().line());
            }
            ServiceKey key = KEYS.get(random.nextInt(KEYS.size()));
            byte[] line = random.nextDouble() < config.malformedRate()
                    ? MalformedRecords.make(random, timestamp)
                    : record(random, key, timestamp).toString().getBytes(StandardCharsets.UTF_8);
            long delay = config.maxShipDelayMillis() == 0 ? 0 : random.nextLong(config.maxShipDelayMillis() + 1);
            inFlight.add(new Arrival(timestamp + delay, i, line));
        }
        while (!inFlight.isEmpty()) {
            consumer.accept(inFlight.poll().line());
        }
    }

    private ObjectNode record(SplittableRandom random, ServiceKey key, long timestamp) {
        boolean latencySpike = active(IncidentType.LATENCY_SPIKE, key, timestamp);
        boolean errorBurst = active(IncidentType.ERROR_BURST, key, timestamp);
        boolean hallucinationSpike = active(IncidentType.HALLUCINATION_SPIKE, key, timestamp);
        boolean topicDrift = active(IncidentType.TOPIC_DRIFT, key, timestamp);
        boolean lengthDrift = active(IncidentType.LENGTH_DRIFT, key, timestamp);

        String prompt;
        String response;
        String reference = null;
        boolean hallucinated = false;
        if (key.rag() || random.nextDouble() < CHAT_REFERENCE_SHARE) {
            TextCorpus.QaItem qa = corpus.question(random, topicDrift && random.nextDouble() < DRIFT_TOPIC_SHARE);
            hallucinated = random.nextDouble() < (hallucinationSpike ? SPIKE_HALLUCINATION_RATE : BASE_HALLUCINATION_RATE);
            prompt = qa.question();
            response = hallucinated ? qa.hallucinatedAnswer() : qa.supportedAnswer();
            reference = qa.reference();
        } else {
            String[] exchange = corpus.chatExchange(random);
            prompt = exchange[0];
            response = exchange[1];
        }
        if (config.texts() == TextMode.UNIQUE) {
            prompt = UniqueContext.sentences(random) + prompt;
        }
        if (lengthDrift) {
            prompt = corpus.padding(random, 3 + random.nextInt(3)) + prompt;
        }

        boolean error = random.nextDouble() < (errorBurst ? BURST_ERROR_RATE : BASE_ERROR_RATE);
        long inputTokens = tokens(prompt) + (reference == null ? 0 : tokens(reference)) + 24;
        long outputTokens = error ? 0 : tokens(response) + 20 + random.nextInt(200);
        double decodeTokensPerS = 3000.0 / key.medianLatencyMs() * 25;
        double ttft = key.medianLatencyMs() * 0.25 * Math.exp(0.35 * random.nextGaussian());
        double latency = ttft + outputTokens / decodeTokensPerS * 1000 * Math.exp(0.25 * random.nextGaussian());
        if (random.nextDouble() < TAIL_SHARE) {
            latency *= 2 + 3 * random.nextDouble();
        }
        if (latencySpike) {
            ttft *= 3;
            latency *= 4;
        }
        if (error) {
            latency = random.nextInt(4) == 0 ? 30_000 + random.nextInt(1000) : ttft;
        }

        ObjectNode json = mapper.createObjectNode();
        json.put("request_id", "req-" + hex(random, 12));
        putTimestamp(json, random, timestamp);
        json.put("model", key.model());
        json.put("route", key.route());
        json.put("tenant", TENANTS[random.nextInt(TENANTS.length)]);
        json.put("trace_id", hex(random, 32));
        json.put("span_id", hex(random, 16));
        json.put("prompt", prompt);
        if (!error) {
            json.put("response", response);
        }
        if (reference != null) {
            json.put("reference", reference);
        }
        json.put("latency_ms", Math.round(latency * 10) / 10.0);
        json.put("ttft_ms", Math.round(Math.min(ttft, latency) * 10) / 10.0);
        json.put("input_tokens", inputTokens);
        json.put("output_tokens", outputTokens);
        json.put("status", error ? "error" : "ok");
        if (error) {
            json.put("error_type", ERROR_TYPES[random.nextInt(ERROR_TYPES.length)]);
        } else {
            double logprob = hallucinated ? -0.9 + 0.3 * random.nextGaussian() : -0.3 + 0.1 * random.nextGaussian();
            json.put("mean_logprob", Math.round(Math.min(logprob, -0.01) * 1000) / 1000.0);
        }
        json.putObject("attributes").put("server.address", "llm-" + (1 + random.nextInt(4)) + ".internal")
                .put("gen_ai.system", key.model().startsWith("gpt") ? "openai" : "vllm");
        return json;
    }

    private boolean active(IncidentType type, ServiceKey key, long timestamp) {
        for (Incident incident : incidents) {
            if (incident.type() == type && incident.covers(key.model(), key.route(), timestamp)) {
                return true;
            }
        }
        return false;
    }

    /** Mixed timestamp forms, as real shippers send them. */
    private static void putTimestamp(ObjectNode json, SplittableRandom random, long millis) {
        int form = random.nextInt(10);
        Instant instant = Instant.ofEpochMilli(millis);
        if (form < 6) {
            json.put("timestamp", instant.toString());
        } else if (form < 8) {
            json.put("timestamp", millis);
        } else if (form < 9) {
            json.put("timestamp", instant.atOffset(ZoneOffset.ofHours(2)).toString());
        } else {
            json.put("timestamp", Long.toString(millis));
        }
    }

    /** Rough BPE token count: about 4 characters a token. */
    private static long tokens(String text) {
        return Math.max(1, Math.round(text.length() / 4.0));
    }

    private static String hex(SplittableRandom random, int digits) {
        StringBuilder out = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }
}
