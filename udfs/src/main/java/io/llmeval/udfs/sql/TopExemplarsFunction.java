package io.llmeval.udfs.sql;

import io.llmeval.udfs.sketch.TopExemplars;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;

/**
 * {@code TOP_EXEMPLARS(id, weight)}: the ids of the (at most) three rows with the largest weight in a group,
 * largest first — the exemplar requests an alert links to, e.g. the slowest requests of a slow window or the
 * highest-scored answers of a hallucinating one.
 *
 * <pre>{@code
 * CREATE TEMPORARY SYSTEM FUNCTION TOP_EXEMPLARS AS 'io.llmeval.udfs.sql.TopExemplarsFunction' LANGUAGE JAVA;
 * SELECT model, TOP_EXEMPLARS(COALESCE(trace_id, request_id), latency_ms) AS slowest FROM requests GROUP BY model;
 * }</pre>
 *
 * <p>Ranks with {@link TopExemplars}, as the DataStream jobs' windows do: deterministic whatever the order of
 * the rows, equal weights rank by id (ascending), and an id seen twice counts once, with its largest weight.
 * Rows with a NULL id or weight are skipped. Types: STRING, DOUBLE (numeric arguments are widened) →
 * ARRAY&lt;STRING&gt;; NULL when no row qualifies. The state is the three (id, weight) pairs.
 */
public class TopExemplarsFunction extends AggregateFunction<String[], TopExemplarsFunction.Top> {

    /** How many ids are kept. */
    public static final int SIZE = TopExemplars.SIZE;

    /** The accumulator: up to {@link #SIZE} ids with their weights, best first. */
    public static final class Top {
        public String[] ids = new String[0];
        public double[] weights = new double[0];
    }

    @Override
    public Top createAccumulator() {
        return new Top();
    }

    public void accumulate(Top acc, String id, Double weight) {
        if (id != null && weight != null && !weight.isNaN()) {
            offer(acc, id, weight);
        }
    }

    public void merge(Top acc, Iterable<Top> others) {
        for (Top other : others) {
            for (int i = 0; i < other.ids.length; i++) {
                offer(acc, other.ids[i], other.weights[i]);
            }
        }
    }

    @Override
    public String[] getValue(Top acc) {
        return acc.ids.length == 0 ? null : acc.ids.clone();
    }

    /** Inserts (id, weight) if it ranks among the best {@link #SIZE}; keeps the arrays sorted, best first. */
    static void offer(Top acc, String id, double weight) {
        TopExemplars top = TopExemplars.of(acc.ids, acc.weights);
        top.offer(id, weight);
        acc.ids = top.idArray();
        acc.weights = top.weightArray();
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .typedArguments(DataTypes.STRING(), DataTypes.DOUBLE())
                .accumulatorTypeStrategy(TypeStrategies.explicit(typeFactory.createDataType(Top.class)))
                .outputTypeStrategy(TypeStrategies.explicit(DataTypes.ARRAY(DataTypes.STRING())))
                .build();
    }
}
