package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.LogRecord;
import io.llmeval.udfs.hallucination.HallucinationResult;
import io.llmeval.udfs.hallucination.HallucinationScorer;
import io.llmeval.udfs.cost.PriceTable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Scores each record that has a response and a reference for hallucination, prices it ({@link PriceTable}), and
 * reduces it to the {@link RequestFacts} the windows need. Records without a reference (or without a response, such
 * as errors) are passed on unscored: they count as unscored, never as good; records the table does not price count
 * as unpriced.
 */
public class ScoreRequests extends RichMapFunction<LogRecord, RequestFacts> {

    private final ScoringConfig config;
    private final PriceTable prices;

    private transient HallucinationScorer scorer;
    private transient Counter scored;
    private transient Counter unscored;

    public ScoreRequests(ScoringConfig config, PriceTable prices) {
        this.config = config;
        this.prices = prices;
    }

    @Override
    public void open(OpenContext openContext) {
        scorer = config.scorer();
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("llm_eval");
        scored = metrics.counter("records_scored");
        unscored = metrics.counter("records_unscored");
    }

    @Override
    public RequestFacts map(LogRecord record) {
        RequestFacts facts = facts(record);
        facts.costPicoUsd = prices.costPicoUsd(record.model, record.timestampMillis, record.inputTokens,
                record.outputTokens, record.cacheReadInputTokens, record.cacheWriteInputTokens);
        if (config.enabled() && isScorable(record)) {
            Double similarity = record.semanticSimilarity == null || record.semanticSimilarity.isNaN()
                    ? null : record.semanticSimilarity;
            HallucinationResult result = scorer.score(record.response, record.reference, record.prompt,
                    record.meanLogprob, similarity);
            facts.hallucinationScore = result.hallucinationScore();
            facts.hallucinated = result.hallucinated();
            facts.rougeLF = result.rougeLF();
            scored.inc();
        } else {
            unscored.inc();
        }
        return facts;
    }

    static boolean isScorable(LogRecord record) {
        return record.reference != null && !record.reference.isBlank()
                && record.response != null && !record.response.isBlank();
    }

    static RequestFacts facts(LogRecord record) {
        RequestFacts facts = new RequestFacts();
        facts.requestId = record.requestId;
        facts.model = record.model;
        facts.route = record.route;
        facts.timestampMillis = record.timestampMillis;
        facts.latencyMs = record.latencyMs;
        facts.ttftMs = record.ttftMs;
        facts.inputTokens = record.inputTokens;
        facts.outputTokens = record.outputTokens;
        facts.error = record.error;
        facts.traceId = record.traceId;
        facts.source = record.source;
        return facts;
    }
}
