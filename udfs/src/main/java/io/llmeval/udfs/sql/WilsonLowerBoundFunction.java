package io.llmeval.udfs.sql;

import io.llmeval.udfs.stats.WilsonScore;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;

/**
 * {@code WILSON_LOWER_BOUND(k, n [, z])}: the lower end of the Wilson score interval of a proportion with
 * {@code k} successes in {@code n} trials — how low the true rate can plausibly be. With the default
 * {@code z = 1.96} it is the 95% two-sided bound; alerts use it so that 4 hallucinations in 30 answers
 * (rate 0.13, lower bound 0.05) do not page anyone while 45 in 100 (lower bound 0.36) do.
 *
 * <pre>{@code
 * CREATE TEMPORARY SYSTEM FUNCTION WILSON_LOWER_BOUND AS 'io.llmeval.udfs.sql.WilsonLowerBoundFunction' LANGUAGE JAVA;
 * SELECT model, WILSON_LOWER_BOUND(hallucinated_count, scored_count) > 0.10 AS surely_above FROM windows;
 * }</pre>
 *
 * <p>{@link WilsonScore#lowerBound}, which the DataStream alert rules call too. Types: BIGINT, BIGINT
 * [, DOUBLE] → DOUBLE in [0, 1] (INT arguments are widened). NULL when an argument is NULL, {@code n ≤ 0},
 * {@code k} is outside [0, n], or {@code z} is negative or not finite.
 */
public class WilsonLowerBoundFunction extends ScalarFunction {

    /** z of a two-sided 95% interval. */
    public static final double DEFAULT_Z = WilsonScore.Z_95;

    public Double eval(Long k, Long n) {
        return eval(k, n, DEFAULT_Z);
    }

    public Double eval(Long k, Long n, Double z) {
        if (k == null || n == null || z == null || !WilsonScore.isDefined(k, n, z)) {
            return null;
        }
        return WilsonScore.lowerBound(k, n, z);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(InputTypeStrategies.or(
                        InputTypeStrategies.explicitSequence(DataTypes.BIGINT(), DataTypes.BIGINT()),
                        InputTypeStrategies.explicitSequence(DataTypes.BIGINT(), DataTypes.BIGINT(), DataTypes.DOUBLE())))
                .outputTypeStrategy(TypeStrategies.explicit(DataTypes.DOUBLE()))
                .build();
    }
}
