package io.llmeval.inference.operator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import io.llmeval.inference.EmbedderSettings;
import io.llmeval.inference.InferenceOptions;
import io.llmeval.inference.NativeEnvironment;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.inference.model.MiniLmEncoder;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Embeds texts of records with all-MiniLM-L6-v2 in micro-batches: buffers up to {@code maxBatchRecords} records
 * or {@code maxDelay}, whichever comes first, runs one forward pass over all their selected texts and emits one
 * output per record, in arrival order and with the record's timestamp.
 *
 * <pre>{@code
 * EmbeddingOperator<Sample, EmbeddedSample> embed = EmbeddingOperator.<Sample, EmbeddedSample>builder()
 *         .inputType(TypeInformation.of(Sample.class))
 *         .texts(s -> List.of(s.response()))
 *         .combiner((s, vectors) -> new EmbeddedSample(s, vectors[0]))
 *         .maxBatchRecords(32)
 *         .maxDelay(Duration.ofMillis(100))
 *         .build();
 * DataStream<EmbeddedSample> embedded = samples.transform("embed", TypeInformation.of(EmbeddedSample.class), embed);
 * }</pre>
 *
 * <p><b>Guarantees.</b> A watermark first flushes the buffer, so no output is late relative to the watermarks
 * that follow it. The buffer is part of every checkpoint (operator list state): records that arrived before a
 * checkpoint barrier but were not yet emitted are restored and emitted after a restore, and records emitted
 * before the barrier are not, so with a replaying source there is neither loss nor duplication. End of input
 * flushes the buffer.
 *
 * <p><b>Resources.</b> Each parallel instance builds a {@link SentenceEmbedder} in {@link #open()}; the weights
 * are loaded once per TaskManager JVM and shared by its slots. With the {@code cuda} build, the device is the
 * {@code index} property of the first Flink external resource named by {@link EmbedderSettings#gpuResourceName()}
 * ({@code getRuntimeContext().getExternalResourceInfos("gpu")}).
 *
 * <p><b>Metrics</b> (group {@code embedding}): {@code batchSize} (records per forward pass, histogram),
 * {@code textsPerBatch} (histogram), {@code queueTimeMs} (from arrival to the start of its pass, per record,
 * histogram), {@code inferenceTimeMs} (per pass, histogram), {@code sentences} (counter) and
 * {@code sentencesPerSecond} (meter), {@code batches} (counter).
 *
 * @param <IN> record type
 * @param <OUT> output type
 */
public final class EmbeddingOperator<IN, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, BoundedOneInput, ProcessingTimeService.ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;
    /** Stands for "record without timestamp" in the checkpointed buffer. */
    private static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private static final int HISTOGRAM_WINDOW = 1024;

    private final TypeInformation<IN> inputType;
    private final TextSelector<IN> selector;
    private final EmbeddingCombiner<IN, OUT> combiner;
    private final EmbedderSettings settings;
    private final int maxBatchRecords;
    private final long maxDelayMs;

    private transient SentenceEmbedder embedder;
    private transient List<StreamRecord<IN>> buffer;
    private transient List<Long> arrivals;
    private transient ListState<Tuple2<IN, Long>> bufferState;
    private transient ScheduledFuture<?> flushTimer;
    private transient Histogram batchSizes;
    private transient Histogram textsPerBatch;
    private transient Histogram queueTimes;
    private transient Histogram inferenceTimes;
    private transient Counter sentences;
    private transient Counter batches;

    EmbeddingOperator(Builder<IN, OUT> b) {
        this.inputType = b.inputType;
        this.selector = b.selector;
        this.combiner = b.combiner;
        this.settings = b.settings;
        this.maxBatchRecords = b.maxBatchRecords;
        this.maxDelayMs = b.maxDelay.toMillis();
    }

    public static <IN, OUT> Builder<IN, OUT> builder() {
        return new Builder<>();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        buffer = new ArrayList<>();
        arrivals = new ArrayList<>();
        bufferState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("embedding-buffer",
                new TupleTypeInfo<>(inputType, BasicTypeInfo.LONG_TYPE_INFO)));
        if (context.isRestored()) {
            long now = System.currentTimeMillis();
            for (Tuple2<IN, Long> e : bufferState.get()) {
                buffer.add(e.f1 == NO_TIMESTAMP ? new StreamRecord<>(e.f0) : new StreamRecord<>(e.f0, e.f1));
                arrivals.add(now);
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        registerMetrics(getMetricGroup().addGroup("embedding"));
        NativeEnvironment.configureCaches();
        selectGpu();
        embedder = settings.build(NativeEnvironment.defaultThreads(getRuntimeContext()));
        if (!buffer.isEmpty()) {
            scheduleFlush();
        }
    }

    @Override
    public void processElement(StreamRecord<IN> element) throws Exception {
        buffer.add(element.copy(element.getValue()));
        arrivals.add(getProcessingTimeService().getCurrentProcessingTime());
        if (buffer.size() >= maxBatchRecords) {
            flush();
        } else if (flushTimer == null) {
            scheduleFlush();
        }
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        flushTimer = null;
        flush();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<Tuple2<IN, Long>> pending = new ArrayList<>(buffer.size());
        for (StreamRecord<IN> r : buffer) {
            pending.add(Tuple2.of(r.getValue(), r.hasTimestamp() ? r.getTimestamp() : NO_TIMESTAMP));
        }
        bufferState.update(pending);
    }

    @Override
    public void endInput() throws Exception {
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        cancelTimer();
        if (embedder != null) {
            embedder.close();
            embedder = null;
            // Workspaces belong to this (task) thread; free them rather than wait for the thread to end.
            MiniLmEncoder.releaseThreadWorkspaces();
        }
        super.close();
    }

    /** Embeds every buffered record's texts in one pass and emits the results in arrival order. */
    private void flush() {
        cancelTimer();
        if (buffer.isEmpty()) {
            return;
        }
        long start = getProcessingTimeService().getCurrentProcessingTime();
        List<String> texts = new ArrayList<>();
        int[] firstText = new int[buffer.size() + 1];
        for (int i = 0; i < buffer.size(); i++) {
            firstText[i] = texts.size();
            texts.addAll(selector.texts(buffer.get(i).getValue()));
            queueTimes.update(Math.max(0, start - arrivals.get(i)));
        }
        firstText[buffer.size()] = texts.size();
        long inferenceStart = System.nanoTime();
        float[][] vectors = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
        inferenceTimes.update((System.nanoTime() - inferenceStart) / 1_000_000);
        for (int i = 0; i < buffer.size(); i++) {
            StreamRecord<IN> record = buffer.get(i);
            float[][] own = Arrays.copyOfRange(vectors, firstText[i], firstText[i + 1]);
            output.collect(record.replace(combiner.combine(record.getValue(), own)));
        }
        batchSizes.update(buffer.size());
        textsPerBatch.update(texts.size());
        sentences.inc(texts.size());
        batches.inc();
        buffer.clear();
        arrivals.clear();
    }

    private void scheduleFlush() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        flushTimer = getProcessingTimeService().registerTimer(now + maxDelayMs, this);
    }

    private void cancelTimer() {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
    }

    private void registerMetrics(MetricGroup group) {
        batchSizes = group.histogram("batchSize", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        textsPerBatch = group.histogram("textsPerBatch", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        queueTimes = group.histogram("queueTimeMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        inferenceTimes = group.histogram("inferenceTimeMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        sentences = group.counter("sentences");
        batches = group.counter("batches");
        group.gauge("forwardPasses", () -> embedder == null ? 0L : embedder.forwardPasses());
        group.meter("sentencesPerSecond", new MeterView(sentences));
    }

    /** On a CUDA backend, binds this task's thread to the GPU that Flink assigned to the TaskManager. */
    private void selectGpu() {
        if (Nd4j.getEnvironment().isCPU()) {
            return;
        }
        Optional<Integer> index = cudaDevice(getRuntimeContext().getExternalResourceInfos(settings.gpuResourceName()),
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        if (index.isPresent()) {
            Nd4j.getAffinityManager().unsafeSetDevice(index.get());
            LOG.info("Embedding on CUDA device {}", index.get());
        } else {
            LOG.warn("No external resource '{}' with an 'index' property; embedding on CUDA device {}",
                    settings.gpuResourceName(), Nd4j.getAffinityManager().getDeviceForCurrentThread());
        }
    }

    /**
     * The CUDA device of a subtask: the TaskManager's GPUs (the {@code index} properties of the external resource
     * that {@code llm-eval.inference.gpu.resource} names) in index order, taken round-robin by subtask index.
     */
    static Optional<Integer> cudaDevice(Set<ExternalResourceInfo> gpus, int subtaskIndex) {
        List<Integer> indexes = gpus.stream()
                .map(g -> g.getProperty("index"))
                .flatMap(Optional::stream)
                .map(Integer::parseInt)
                .sorted()
                .toList();
        return indexes.isEmpty() ? Optional.empty() : Optional.of(indexes.get(subtaskIndex % indexes.size()));
    }

    /** The settings this operator builds its embedder from. */
    public EmbedderSettings settings() {
        return settings;
    }

    /** The open operator's embedder ({@code null} before {@link #open()} and after {@link #close()}). */
    public SentenceEmbedder embedder() {
        return embedder;
    }

    /** Builds an {@link EmbeddingOperator}; input type, selector and combiner are required. */
    public static final class Builder<IN, OUT> {
        private TypeInformation<IN> inputType;
        private TextSelector<IN> selector;
        private EmbeddingCombiner<IN, OUT> combiner;
        private EmbedderSettings settings = EmbedderSettings.defaults();
        private int maxBatchRecords = InferenceOptions.BATCH_MAX_RECORDS.defaultValue();
        private Duration maxDelay = InferenceOptions.BATCH_MAX_DELAY.defaultValue();

        Builder() {}

        /** Type of the input records, for checkpointing the buffer. */
        public Builder<IN, OUT> inputType(TypeInformation<IN> inputType) {
            this.inputType = inputType;
            return this;
        }

        public Builder<IN, OUT> texts(TextSelector<IN> selector) {
            this.selector = selector;
            return this;
        }

        public Builder<IN, OUT> combiner(EmbeddingCombiner<IN, OUT> combiner) {
            this.combiner = combiner;
            return this;
        }

        /**
         * The model and batching options of {@link InferenceOptions} from {@code config} ({@code llm-eval.inference.*}):
         * the embedder's settings, {@link InferenceOptions#BATCH_MAX_RECORDS} and {@link InferenceOptions#BATCH_MAX_DELAY}.
         */
        public Builder<IN, OUT> configure(ReadableConfig config) {
            settings(EmbedderSettings.fromConfiguration(config));
            maxBatchRecords(config.get(InferenceOptions.BATCH_MAX_RECORDS));
            return maxDelay(config.get(InferenceOptions.BATCH_MAX_DELAY));
        }

        public Builder<IN, OUT> settings(EmbedderSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Records per forward pass at most (B); default {@link InferenceOptions#BATCH_MAX_RECORDS}. */
        public Builder<IN, OUT> maxBatchRecords(int maxBatchRecords) {
            this.maxBatchRecords = maxBatchRecords;
            return this;
        }

        /** Longest wait of a buffered record (T); default {@link InferenceOptions#BATCH_MAX_DELAY}. */
        public Builder<IN, OUT> maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        public EmbeddingOperator<IN, OUT> build() {
            if (inputType == null) {
                throw new IllegalArgumentException("inputType must be set");
            }
            if (selector == null) {
                throw new IllegalArgumentException("texts must be set");
            }
            if (combiner == null) {
                throw new IllegalArgumentException("combiner must be set");
            }
            if (maxBatchRecords < 1) {
                throw new IllegalArgumentException("maxBatchRecords must be at least 1 but was " + maxBatchRecords);
            }
            if (maxDelay == null || maxDelay.toMillis() < 1) {
                throw new IllegalArgumentException("maxDelay must be at least 1 ms but was " + maxDelay);
            }
            return new EmbeddingOperator<>(this);
        }
    }
}
