package io.llmeval.jobs.drift;

import io.llmeval.inference.EmbedderSettings;
import io.llmeval.inference.NativeEnvironment;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.jobs.progress.LocalProgress;
import io.llmeval.udfs.drift.DriftDetector;
import io.llmeval.udfs.drift.DriftReport;
import io.llmeval.udfs.drift.DriftStatus;
import io.llmeval.udfs.drift.EmbeddingReference;
import io.llmeval.udfs.drift.ReservoirSampler;
import io.llmeval.udfs.drift.ScalarDrift;
import io.llmeval.udfs.drift.ScalarDriftResult;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a drift key-window: embeds its sampled texts (only those, and only the ones not cached) and compares them with
 * the reference of the key — embedding drift with every configured method, and length drift of input and output
 * tokens. Built once per operator instance ({@link #open}: the model and the reference); each key's detectors
 * (reference subsample and its cached derived data) are built on the key's first window. Used at window close in
 * streaming ({@link EmitDriftWindow}) and on merged samples in a backfill ({@link JudgeDriftPartial}).
 */
final class DriftJudge implements AutoCloseable {

    private final DriftConfig config;
    private final SentenceEmbedder embedder;
    private final ReferenceDataset reference;
    private final EmbeddingCache cache;
    private final Map<ReferenceDataset.Key, KeyDetectors> detectors = new HashMap<>();
    private final Counter embeddedTexts;
    private final Counter cachedTexts;
    private final Counter insufficientWindows;

    /** The detectors one key's windows are judged by. */
    private record KeyDetectors(DriftDetector embeddings, ScalarDrift inputTokens, ScalarDrift outputTokens,
                                String scope) {}

    private DriftJudge(DriftConfig config, SentenceEmbedder embedder, ReferenceDataset reference, MetricGroup metrics) {
        this.config = config;
        this.embedder = embedder;
        this.reference = reference;
        this.cache = new EmbeddingCache(config.embeddingCacheSize());
        MetricGroup group = metrics.addGroup("drift");
        this.embeddedTexts = group.counter("embedded_texts");
        this.cachedTexts = group.counter("cached_texts");
        this.insufficientWindows = group.counter("insufficient_sample_windows");
    }

    /**
     * Loads the reference and the model. A window's distinct texts are embedded in one call, as length-sorted passes
     * on this task slot's share of the TaskManager's cores ({@link NativeEnvironment#defaultThreads(RuntimeContext)}).
     */
    static DriftJudge open(DriftConfig config, RuntimeContext task) throws IOException {
        ReferenceDataset reference = ReferenceDataset.read(Path.of(config.referencePath()));
        EmbedderSettings settings = EmbedderSettings.fromConfiguration(config.inference().asConfiguration());
        // Check before loading the model: a mismatch is a configuration error, not a reason to start ND4J.
        reference.requireCompatible(SentenceEmbedder.fingerprint(settings.maxLength()), config.field(),
                "drift reference " + config.referencePath());
        SentenceEmbedder embedder = settings.build(NativeEnvironment.defaultThreads(task));
        return new DriftJudge(config, embedder, reference, task.getMetricGroup());
    }

    /** The verdict of one key-window on its sample. */
    DriftWindow judge(String model, String route, long windowStartMillis, long windowEndMillis,
                      ReservoirSampler<DriftSample.Item> sample) {
        List<DriftSample.Item> items = sample.items(); // canonical order: the methods' random draws depend on it
        KeyDetectors key = detectorsFor(new ReferenceDataset.Key(model, route));

        List<String> texts = new ArrayList<>(items.size());
        items.forEach(item -> texts.add(item.text()));
        long missesBefore = cache.misses();
        long hitsBefore = cache.hits();
        float[][] vectors = cache.embed(texts, embedder::embed);
        embeddedTexts.inc(cache.misses() - missesBefore);
        LocalProgress.addEmbeddedTexts(cache.misses() - missesBefore);
        cachedTexts.inc(cache.hits() - hitsBefore);
        DriftReport report = key.embeddings().detect(vectors, sample.seenCount());
        if (report.status() != DriftStatus.OK) {
            insufficientWindows.inc();
        }
        ScalarDriftResult inputTokens = lengthDrift(key.inputTokens(), items, true);
        ScalarDriftResult outputTokens = lengthDrift(key.outputTokens(), items, false);
        return DriftWindow.of(model, route, windowStartMillis, windowEndMillis, config.field().id(), report, key.scope(),
                inputTokens, outputTokens);
    }

    private static ScalarDriftResult lengthDrift(ScalarDrift drift, List<DriftSample.Item> items, boolean input) {
        if (drift == null) {
            return null;
        }
        double[] values = items.stream()
                .mapToLong(item -> input ? item.inputTokens() : item.outputTokens())
                .filter(v -> v >= 0)
                .asDoubleStream()
                .toArray();
        return drift.detect(values);
    }

    private KeyDetectors detectorsFor(ReferenceDataset.Key key) {
        return detectors.computeIfAbsent(key, k -> {
            ReferenceDataset.Rows rows = null;
            String scope = "all";
            if (config.scope() == ReferenceScope.PER_KEY && reference.keys().contains(k)) {
                ReferenceDataset.Rows own = reference.rows(k);
                if (own.vectors().length >= config.minReferencePerKey()) {
                    rows = own;
                    scope = "key";
                }
            }
            if (rows == null) {
                rows = reference.rows(null);
            }
            DriftDetector embeddings = DriftDetector.builder()
                    .reference(EmbeddingReference.subsample(rows.vectors(), config.maxReferenceSize(), config.seed()))
                    .primaryMethod(config.method())
                    .allMethods(config.allMethods())
                    .sampleCapacity(config.sampleSize())
                    .minSamples(config.minSamples())
                    .seed(config.seed())
                    .build();
            return new KeyDetectors(embeddings, scalar(rows.inputTokens()), scalar(rows.outputTokens()), scope);
        });
    }

    /** Length drift against these reference values, or null when the reference has too few of them. */
    private ScalarDrift scalar(double[] referenceValues) {
        return referenceValues.length < config.minSamples()
                ? null
                : ScalarDrift.builder().reference(referenceValues).minSamples(config.minSamples()).build();
    }

    @Override
    public void close() {
        embedder.close();
    }

}
