package io.llmeval.jobs.pipeline;

import io.llmeval.udfs.sketch.QuantileSketch;
import io.llmeval.udfs.sketch.TopExemplars;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.Value;

import java.io.IOException;

/**
 * Accumulator of one (model, route) window: counts, token and score sums, percentile sketches, and the
 * exemplar requests alerts link to. Every field is an integer count or an order-independent sketch, so the
 * result does not depend on the order records arrive in — the property that makes stream and batch output
 * identical.
 * Implements Flink's {@link Value} so its state is written by our own compact code, not Kryo.
 */
public class WindowStats implements Value {

    private static final long serialVersionUID = 1L;

    long requestCount;
    long errorCount;
    long inputTokensSum;
    long outputTokensSum;
    QuantileSketch latencyMs = new QuantileSketch();
    QuantileSketch ttftMs = new QuantileSketch();
    long scoredCount;
    long hallucinatedCount;
    // Score sums in fixed point (1e-9): integer addition is associative, double addition is not,
    // and stream and batch runs add in different orders.
    long hallucinationScoreNanos;
    long rougeLFNanos;
    // For the alert rules (io.llmeval.jobs.alerts), as sql/windows.sql computes them: the latency of the
    // successful requests (an error burst's timeouts are error_rate_high's business), and exemplars: the most
    // confidently hallucinated answers, the slowest successful requests, the slowest errors.
    QuantileSketch okLatencyMs = new QuantileSketch();
    TopExemplars hallucinationExemplars = new TopExemplars();
    TopExemplars latencyExemplars = new TopExemplars();
    TopExemplars errorExemplars = new TopExemplars();
    // Cost in pico-USD (integers, so exact and order-independent), over the priced requests.
    long costPicoUsdSum;
    long pricedCount;

    static final double FIXED_POINT = 1e9;
    /** pico-USD per USD. */
    static final double PICO_USD = 1e12;

    public WindowStats() {}

    public void add(RequestFacts record) {
        requestCount++;
        String exemplarId = record.traceId != null ? record.traceId : record.requestId;
        if (record.error) {
            errorCount++;
            errorExemplars.offer(exemplarId, record.latencyMs);
        } else {
            okLatencyMs.add(record.latencyMs);
            latencyExemplars.offer(exemplarId, record.latencyMs);
        }
        if (record.inputTokens != null) {
            inputTokensSum += record.inputTokens;
        }
        if (record.outputTokens != null) {
            outputTokensSum += record.outputTokens;
        }
        latencyMs.add(record.latencyMs);
        if (record.ttftMs != null) {
            ttftMs.add(record.ttftMs);
        }
        if (record.costPicoUsd != null) {
            costPicoUsdSum += record.costPicoUsd;
            pricedCount++;
        }
        if (record.scored()) {
            scoredCount++;
            hallucinatedCount += record.hallucinated ? 1 : 0;
            hallucinationScoreNanos += Math.round(record.hallucinationScore * FIXED_POINT);
            rougeLFNanos += Math.round(record.rougeLF * FIXED_POINT);
            if (record.hallucinated) {
                hallucinationExemplars.offer(exemplarId, record.hallucinationScore);
            }
        }
    }

    public WindowStats merge(WindowStats other) {
        requestCount += other.requestCount;
        errorCount += other.errorCount;
        inputTokensSum += other.inputTokensSum;
        outputTokensSum += other.outputTokensSum;
        latencyMs.merge(other.latencyMs);
        ttftMs.merge(other.ttftMs);
        scoredCount += other.scoredCount;
        hallucinatedCount += other.hallucinatedCount;
        hallucinationScoreNanos += other.hallucinationScoreNanos;
        rougeLFNanos += other.rougeLFNanos;
        okLatencyMs.merge(other.okLatencyMs);
        hallucinationExemplars.merge(other.hallucinationExemplars);
        latencyExemplars.merge(other.latencyExemplars);
        errorExemplars.merge(other.errorExemplars);
        costPicoUsdSum += other.costPicoUsdSum;
        pricedCount += other.pricedCount;
        return this;
    }

    @Override
    public void write(DataOutputView out) throws IOException {
        out.writeLong(requestCount);
        out.writeLong(errorCount);
        out.writeLong(inputTokensSum);
        out.writeLong(outputTokensSum);
        latencyMs.writeTo(out);
        ttftMs.writeTo(out);
        out.writeLong(scoredCount);
        out.writeLong(hallucinatedCount);
        out.writeLong(hallucinationScoreNanos);
        out.writeLong(rougeLFNanos);
        okLatencyMs.writeTo(out);
        hallucinationExemplars.writeTo(out);
        latencyExemplars.writeTo(out);
        errorExemplars.writeTo(out);
        out.writeLong(costPicoUsdSum);
        out.writeLong(pricedCount);
    }

    @Override
    public void read(DataInputView in) throws IOException {
        requestCount = in.readLong();
        errorCount = in.readLong();
        inputTokensSum = in.readLong();
        outputTokensSum = in.readLong();
        latencyMs = QuantileSketch.readFrom(in);
        ttftMs = QuantileSketch.readFrom(in);
        scoredCount = in.readLong();
        hallucinatedCount = in.readLong();
        hallucinationScoreNanos = in.readLong();
        rougeLFNanos = in.readLong();
        okLatencyMs = QuantileSketch.readFrom(in);
        hallucinationExemplars = TopExemplars.readFrom(in);
        latencyExemplars = TopExemplars.readFrom(in);
        errorExemplars = TopExemplars.readFrom(in);
        costPicoUsdSum = in.readLong();
        pricedCount = in.readLong();
    }
}
