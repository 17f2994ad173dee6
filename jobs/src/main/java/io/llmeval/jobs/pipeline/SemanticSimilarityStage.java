package io.llmeval.jobs.pipeline;

import io.llmeval.inference.operator.EmbeddingOperator;
import io.llmeval.inference.operator.SemanticSimilarity;
import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The optional semantic stage: embeds response and reference of records that have a reference with the
 * micro-batching {@link EmbeddingOperator} (all-MiniLM-L6-v2 on ND4J) and attaches their cosine.
 * Its own class so that jobs without it never load the inference classes, which the job jar does not
 * shade (clusters put them in Flink's lib/, see docs/inference.md).
 */
final class SemanticSimilarityStage {

    private SemanticSimilarityStage() {}

    /** The model and its micro-batches as the job's {@code llm-eval.inference.*} options say. */
    static DataStream<LogRecord> attach(DataStream<LogRecord> records, ScoringConfig scoring) {
        TypeInformation<LogRecord> type = TypeInformation.of(LogRecord.class);
        EmbeddingOperator<LogRecord, LogRecord> similarity = EmbeddingOperator.<LogRecord, LogRecord>builder()
                .configure(scoring.inference().asConfiguration())
                .inputType(type)
                .texts(SemanticSimilarity.responseAndReference(r -> r.response, r -> r.reference))
                .combiner(SemanticSimilarity.attach(SemanticSimilarityStage::withSimilarity))
                .build();
        return records.transform("semantic-similarity", type, similarity).uid("semantic-similarity");
    }

    private static LogRecord withSimilarity(LogRecord record, double similarity) {
        record.semanticSimilarity = similarity;
        return record;
    }
}
