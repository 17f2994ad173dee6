package io.llmeval.jobs.drift;

import io.llmeval.inference.EmbedderSettings;
import io.llmeval.inference.NativeEnvironment;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.udfs.drift.DriftDetector;
import io.llmeval.udfs.drift.DriftReport;
import io.llmeval.udfs.drift.DriftStatus;
import io.llmeval.udfs.drift.EmbeddingReference;
import io.llmeval.udfs.drift.ReservoirSampler;
import io.llmeval.udfs.drift.ScalarDrift;
import io.llmeval.udfs.drift.ScalarDriftResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Window close of drift: embeds the window's sampled texts (only those, and only the ones not cached) and compares
 * them with the reference of the key — embedding drift with every configured method, and length drift of input
 * and output tokens. The model and the reference are loaded in {@link #open}; each key's detectors (reference
 * subsample and its cached derived data) are built on the key's first window.
 */
public class EmitDriftWindow
        extends ProcessWindowFunction<DriftSample, DriftWindow, Tuple2<String, String>, TimeWindow> {

    private final DriftConfig config;

    private transient SentenceEmbedder embedder;
    private transient ReferenceDataset reference;
    private transient EmbeddingCache cache;
    private transient Map<ReferenceDataset.Key, KeyDetectors> detectors;
    private transient Counter embeddedTexts;
    private transient Counter cachedTexts;
    private transient Counter insufficientWindows;

    public EmitDriftWindow(DriftConfig config) {
        this.config = config;
    }

    /** The detectors one key's windows are judged by. */
    private record KeyDetectors(DriftDetector embeddings, ScalarDrift inputTokens, ScalarDrift outputTokens,
                                String scope) {}

    @Override
    public void open(OpenContext openContext) throws Exception {
        reference = ReferenceDataset.read(Path.of(config.referencePath()));
        EmbedderSettings settings = EmbedderSettings.fromConfiguration(Configuration.fromMap(config.inferenceSettings()));
        // Check before loading the model: a mismatch is a configuration error, not a reason to start ND4J.
        reference.requireCompatible(SentenceEmbedder.fingerprint(settings.maxLength()), config.field(),
                "drift reference " + config.referencePath());
        // The window's distinct texts are embedded in one call: length-sorted passes on this slot's share of cores.
        embedder = settings.build(NativeEnvironment.defaultThreads(taskSlots()));
        cache = new EmbeddingCache(config.embeddingCacheSize());
        detectors = new HashMap<>();
        var group = getRuntimeContext().getMetricGroup().addGroup("drift");
        embeddedTexts = group.counter("embedded_texts");
        cachedTexts = group.counter("cached_texts");
        insufficientWindows = group.counter("insufficient_sample_windows");
    }

    @Override
    public void process(Tuple2<String, String> modelRoute, Context context, Iterable<DriftSample> samples,
                        Collector<DriftWindow> out) {
        ReservoirSampler<DriftSample.Item> sample = samples.iterator().next().sampler();
        List<DriftSample.Item> items = sample.items(); // canonical order: the methods' random draws depend on it
        KeyDetectors key = detectorsFor(new ReferenceDataset.Key(modelRoute.f0, modelRoute.f1));

        List<String> texts = new ArrayList<>(items.size());
        items.forEach(item -> texts.add(item.text()));
        long missesBefore = cache.misses();
        long hitsBefore = cache.hits();
        float[][] vectors = cache.embed(texts, embedder::embed);
        embeddedTexts.inc(cache.misses() - missesBefore);
        cachedTexts.inc(cache.hits() - hitsBefore);
        DriftReport report = key.embeddings().detect(vectors, sample.seenCount());
        if (report.status() != DriftStatus.OK) {
            insufficientWindows.inc();
        }
        ScalarDriftResult inputTokens = lengthDrift(key.inputTokens(), items, true);
        ScalarDriftResult outputTokens = lengthDrift(key.outputTokens(), items, false);
        TimeWindow window = context.window();
        out.collect(DriftWindow.of(modelRoute.f0, modelRoute.f1, window.getStart(), window.getEnd(),
                config.field().id(), report, key.scope(), inputTokens, outputTokens));
    }

    /** Task slots of this TaskManager (they share its cores), or the operator's parallelism where unknown. */
    private int taskSlots() {
        if (getRuntimeContext() instanceof StreamingRuntimeContext streaming) {
            return streaming.getTaskManagerRuntimeInfo().getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS);
        }
        return getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
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
    public void close() throws Exception {
        if (embedder != null) {
            embedder.close();
        }
    }
}
