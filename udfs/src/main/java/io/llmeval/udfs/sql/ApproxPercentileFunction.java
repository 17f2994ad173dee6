package io.llmeval.udfs.sql;

import io.llmeval.udfs.sketch.QuantileSketch;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

import java.util.Optional;

/**
 * {@code APPROX_PERCENTILE(value, p)}: the value at quantile {@code p} of a group, from the same DDSketch the
 * DataStream jobs use ({@link QuantileSketch}): the value at rank {@code floor(p·(n−1))} of the sorted values,
 * within 1% relative error, in bounded state.
 *
 * <pre>{@code
 * CREATE TEMPORARY SYSTEM FUNCTION APPROX_PERCENTILE AS 'io.llmeval.udfs.sql.ApproxPercentileFunction' LANGUAGE JAVA;
 * SELECT model, APPROX_PERCENTILE(latency_ms, 0.95) AS latency_p95_ms
 * FROM TABLE(TUMBLE(TABLE requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
 * GROUP BY model, window_start, window_end;
 * }</pre>
 *
 * <p>Flink's built-in {@code PERCENTILE(value, p)} is exact (it interpolates between the two nearest values)
 * but keeps every distinct value with its count in state, so its state grows with the traffic; this one keeps
 * the sketch's buckets: a few hundred bytes to ~2 KB for latencies, at most ~16 KB whatever the input
 * ({@link QuantileSketch#MAX_BINS}). Types: numeric, numeric literal in [0, 1] → DOUBLE. NULL values are
 * skipped; NULL when the group has no value. Values must be ≥ 0 (latencies, token counts): a negative or
 * non-finite value fails the query, as it would the DataStream jobs' sketches.
 */
public class ApproxPercentileFunction extends AggregateFunction<Double, ApproxPercentileFunction.SketchAccumulator> {

    /**
     * The accumulator: the encoded sketch is what Flink stores (a BYTES field of a structured type), the
     * decoded sketch is a working copy. Flink converts an accumulator between this object and its internal
     * row whenever it reads or writes state — per record in a non-windowed streaming GROUP BY, once per bundle
     * of records in window aggregations, once per group in batch — and each conversion to the internal row
     * calls {@link #getSketch()}, which encodes (about a microsecond per hundred buckets). Between
     * conversions {@code accumulate} only adds to the decoded sketch, so its cost does not depend on the
     * sketch's size.
     */
    public static final class SketchAccumulator {
        private byte[] sketch;
        private transient QuantileSketch decoded;
        /** The quantile of the call; every row of a group has the same (it is a literal). */
        public double p = Double.NaN;

        /** The encoded sketch (null while empty), read by Flink when it stores the accumulator. */
        public byte[] getSketch() {
            if (decoded != null) {
                sketch = decoded.isEmpty() ? null : decoded.toBytes();
            }
            return sketch;
        }

        /** Set by Flink when it restores the accumulator; decoded on first use. */
        public void setSketch(byte[] bytes) {
            sketch = bytes;
            decoded = null;
        }

        QuantileSketch working() {
            if (decoded == null) {
                decoded = sketch == null ? new QuantileSketch() : QuantileSketch.fromBytes(sketch);
            }
            return decoded;
        }
    }

    @Override
    public SketchAccumulator createAccumulator() {
        return new SketchAccumulator();
    }

    /** {@code p} is the literal as typed (DECIMAL, DOUBLE, INT...), hence a {@link Number}. */
    public void accumulate(SketchAccumulator acc, Double value, Number p) {
        if (Double.isNaN(acc.p)) {
            double quantile = p == null ? Double.NaN : p.doubleValue();
            if (!(quantile >= 0 && quantile <= 1)) {
                throw new IllegalArgumentException("APPROX_PERCENTILE: the quantile must be between 0 and 1, got " + p);
            }
            acc.p = quantile;
        }
        if (value == null) {
            return;
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("APPROX_PERCENTILE takes finite values >= 0, got " + value);
        }
        acc.working().add(value);
    }

    public void merge(SketchAccumulator acc, Iterable<SketchAccumulator> others) {
        for (SketchAccumulator other : others) {
            if (!Double.isNaN(other.p)) {
                acc.p = other.p;
            }
            if (other.decoded != null || other.sketch != null) {
                acc.working().merge(other.working());
            }
        }
    }

    @Override
    public Double getValue(SketchAccumulator acc) {
        if (acc.decoded == null && acc.sketch == null) {
            return null;
        }
        QuantileSketch sketch = acc.working();
        return sketch.isEmpty() ? null : sketch.quantile(acc.p);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(InputTypeStrategies.sequence(
                        InputTypeStrategies.explicit(DataTypes.DOUBLE()), new QuantileLiteral()))
                .accumulatorTypeStrategy(TypeStrategies.explicit(typeFactory.createDataType(SketchAccumulator.class)))
                .outputTypeStrategy(TypeStrategies.explicit(DataTypes.DOUBLE()))
                .build();
    }

    /** The second argument: a numeric literal in [0, 1], of its own type. Checked when the query is planned. */
    static final class QuantileLiteral implements ArgumentTypeStrategy {

        @Override
        public Optional<DataType> inferArgumentType(CallContext callContext, int argumentPos, boolean throwOnFailure) {
            DataType type = callContext.getArgumentDataTypes().get(argumentPos);
            boolean valid = type.getLogicalType().is(LogicalTypeFamily.NUMERIC);
            if (valid) {
                // Validation of the query: the quantile must be a literal in [0, 1]. (A view's stored query has
                // it as CAST(0.95 AS DOUBLE), whose value is known too.)
                Optional<Optional<Double>> value = literalValue(callContext, argumentPos, type);
                valid = value.isEmpty() || value.get().filter(p -> p >= 0 && p <= 1).isPresent();
            }
            if (!valid) {
                if (throwOnFailure) {
                    throw callContext.newValidationError(
                            "APPROX_PERCENTILE: the quantile must be a numeric literal between 0 and 1, e.g. 0.95");
                }
                return Optional.empty();
            }
            // Kept as it is, not cast to DOUBLE: a view stores its query with the casts the planner adds, and
            // CAST(0.95 AS DOUBLE) is no longer a literal when the view is read.
            return Optional.of(type);
        }

        /**
         * The literal's value (empty if it has none), or empty when the context cannot tell: once the query is
         * validated, aggregate arguments are input columns.
         */
        private static Optional<Optional<Double>> literalValue(CallContext callContext, int pos, DataType type) {
            try {
                if (callContext.isArgumentNull(pos)) {
                    return Optional.of(Optional.empty());
                }
                return Optional.of(callContext.getArgumentValue(pos, type.getConversionClass())
                        .map(value -> ((Number) value).doubleValue()));
            } catch (UnsupportedOperationException e) {
                return Optional.empty();
            }
        }

        @Override
        public Signature.Argument getExpectedArgument(FunctionDefinition functionDefinition, int argumentPos) {
            return Signature.Argument.of("<NUMERIC LITERAL in [0, 1]>");
        }
    }
}
