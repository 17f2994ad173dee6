package io.llmeval.jobs.pipeline;

import io.llmeval.inference.InferenceOptions;
import io.llmeval.inference.operator.EmbeddingOperator;
import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The job's {@code llm-eval.inference.*} options reach the semantic stage (they used not to): the operator that
 * {@link SemanticSimilarityStage} builds from a job configuration batches, truncates and loads the model as those
 * options say. One test per option; the embedder's own options are tested in the inference module.
 */
class SemanticStageOptionsTest {

    private static OneInputStreamOperatorTestHarness<LogRecord, LogRecord> stage(Configuration conf) throws Exception {
        conf.set(PipelineOptions.HALLUCINATION_SEMANTIC, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var records = env.fromData(List.of(new LogRecord()), TypeInformation.of(LogRecord.class));
        @SuppressWarnings("unchecked")
        OneInputTransformation<LogRecord, LogRecord> transformation = (OneInputTransformation<LogRecord, LogRecord>)
                SemanticSimilarityStage.attach(records, PipelineConfig.from(conf).scoring()).getTransformation();
        return new OneInputStreamOperatorTestHarness<>(
                (OneInputStreamOperator<LogRecord, LogRecord>) transformation.getOperator());
    }

    private static EmbeddingOperator<?, ?> operator(OneInputStreamOperatorTestHarness<LogRecord, LogRecord> harness) {
        return (EmbeddingOperator<?, ?>) harness.getOperator();
    }

    /** Three records in one batch: six texts (response and reference), each 6 to 8 word pieces with [CLS]/[SEP]. */
    private static void processThreeRecords(OneInputStreamOperatorTestHarness<LogRecord, LogRecord> h) throws Exception {
        h.processElement(record("The cat sat on the mat.", "A cat sat on a mat."), 1);
        h.processElement(record("Paris is in France.", "Paris is the capital of France."), 2);
        h.processElement(record("Water boils at one hundred degrees.", "Water boils at 100 degrees."), 3);
        assertThat(h.extractOutputValues()).hasSize(3);
    }

    private static LogRecord record(String response, String reference) {
        LogRecord record = new LogRecord();
        record.requestId = response;
        record.response = response;
        record.reference = reference;
        return record;
    }

    @Test
    void batchMaxRecordsDecidesWhenAPassRuns() throws Exception {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.BATCH_MAX_RECORDS, 2);
        conf.set(InferenceOptions.BATCH_MAX_DELAY, Duration.ofHours(1));
        try (var h = stage(conf)) {
            h.open();
            h.processElement(record("The cat sat.", "A cat sat."), 1);
            assertThat(h.extractOutputValues()).as("one record of two").isEmpty();
            h.processElement(record("Paris is in France.", "Paris is the capital of France."), 2);
            assertThat(h.extractOutputValues()).hasSize(2).allSatisfy(r -> assertThat(r.semanticSimilarity).isNotNull());
        }
    }

    @Test
    void batchMaxDelayDecidesHowLongARecordWaits() throws Exception {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.BATCH_MAX_RECORDS, 1_000);
        conf.set(InferenceOptions.BATCH_MAX_DELAY, Duration.ofMillis(30));
        try (var h = stage(conf)) {
            h.open();
            h.setProcessingTime(1_000);
            h.processElement(record("The cat sat.", "A cat sat."), 1);
            h.setProcessingTime(1_029);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(1_030);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void maxLengthTruncatesWhatTheModelSees() throws Exception {
        String shared = "Our quarterly report shows revenue growth in every region";
        LogRecord differentTails = record(shared + " and the board approved a dividend of four euros per share.",
                shared + " although rain delayed the harvest of apples in the northern valleys.");
        Configuration shortTexts = new Configuration();
        shortTexts.set(InferenceOptions.MAX_LENGTH, 8);
        shortTexts.set(InferenceOptions.BATCH_MAX_RECORDS, 1);
        Configuration defaults = new Configuration();
        defaults.set(InferenceOptions.BATCH_MAX_RECORDS, 1);
        try (var cut = stage(shortTexts); var whole = stage(defaults)) {
            cut.open();
            whole.open();
            cut.processElement(differentTails, 1);
            whole.processElement(record(differentTails.response, differentTails.reference), 1);
            assertThat(cut.extractOutputValues().get(0).semanticSimilarity).as("the first 6 word pieces only")
                    .isCloseTo(1.0, within(1e-5));
            assertThat(whole.extractOutputValues().get(0).semanticSimilarity).isLessThan(0.95);
        }
    }

    @Test
    void modelDirIsWhereTheModelIsRead() throws Exception {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.MODEL_DIR, "/nonexistent/llm-eval-model");
        try (var h = stage(conf)) {
            assertThatThrownBy(h::open).hasStackTraceContaining("/nonexistent/llm-eval-model");
        }
    }

    @Test
    void forwardBatchSizeCapsTextsPerPass() throws Exception {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.BATCH_MAX_RECORDS, 3);
        conf.set(InferenceOptions.THREADS, 1);
        conf.set(InferenceOptions.FORWARD_BATCH_SIZE, 2);
        try (var h = stage(conf)) {
            h.open();
            processThreeRecords(h);
            assertThat(operator(h).embedder().batchSize()).isEqualTo(2);
            assertThat(operator(h).embedder().forwardPasses()).as("six texts, two a pass").isEqualTo(3);
        }
    }

    @Test
    void forwardMaxTokensCapsTokensPerPass() throws Exception {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.BATCH_MAX_RECORDS, 3);
        conf.set(InferenceOptions.THREADS, 1);
        conf.set(InferenceOptions.MAX_LENGTH, 8);
        conf.set(InferenceOptions.FORWARD_MAX_TOKENS, 8);
        Configuration defaults = new Configuration();
        defaults.set(InferenceOptions.BATCH_MAX_RECORDS, 3);
        defaults.set(InferenceOptions.THREADS, 1);
        defaults.set(InferenceOptions.MAX_LENGTH, 8);
        try (var cut = stage(conf); var whole = stage(defaults)) {
            cut.open();
            whole.open();
            processThreeRecords(cut);
            processThreeRecords(whole);
            assertThat(operator(cut).embedder().forwardPasses()).as("8 tokens a pass: one text each").isEqualTo(6);
            assertThat(operator(whole).embedder().forwardPasses()).as("default 8192 tokens: one pass").isEqualTo(1);
        }
    }

    @Test
    void threadsSetsTheCoresOfACall() throws Exception {
        Configuration three = new Configuration();
        three.set(InferenceOptions.THREADS, 3);
        try (var set = stage(three); var unset = stage(new Configuration())) {
            set.open();
            unset.open();
            assertThat(operator(set).embedder().threads()).isEqualTo(3);
            assertThat(operator(unset).embedder().threads()).as("0: the cores of the one task slot")
                    .isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    /** Which GPU a subtask takes from the named resource is tested in the inference module (a CUDA backend binds it). */
    @Test
    void gpuResourceNamesTheExternalResourceTheOperatorReads() throws Exception {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.GPU_RESOURCE, "a100");
        try (var h = stage(conf); var defaults = stage(new Configuration())) {
            h.open();
            defaults.open();
            assertThat(operator(h).settings().gpuResourceName()).isEqualTo("a100");
            assertThat(operator(defaults).settings().gpuResourceName()).isEqualTo(InferenceOptions.GPU_RESOURCE.defaultValue());
        }
    }
}
