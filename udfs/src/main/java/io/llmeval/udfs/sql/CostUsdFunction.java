package io.llmeval.udfs.sql;

import io.llmeval.udfs.cost.PriceTable;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code COST_USD(model, ts, input, output, cache_read, cache_write)}: what one request cost in USD under the price
 * table ({@link PriceTable}, docs/cost.md): the entry matching the whole model name with the latest {@code since} at
 * or before {@code ts}; cache-read and cache-write tokens priced once at their own prices, the rest of the input
 * at the input price; reasoning tokens are in {@code output}.
 *
 * <pre>{@code
 * CREATE TEMPORARY SYSTEM FUNCTION COST_USD AS 'io.llmeval.udfs.sql.CostUsdFunction' LANGUAGE JAVA;
 * SELECT SUM(COST_USD(model, event_time, input_tokens, output_tokens, cache_read_input_tokens,
 *                     cache_write_input_tokens)) FROM requests;
 * }</pre>
 *
 * <p>The table is {@code flink-conf/prices.yaml} (an example) unless the job parameter {@code llm-eval.prices.file}
 * names another: {@code SET 'pipeline.global-job-parameters' = 'llm-eval.prices.file:/path/prices.yaml';}.
 * Types: STRING, TIMESTAMP_LTZ(3) or TIMESTAMP(3) (UTC), BIGINT × 4 → DOUBLE. NULL counts are 0; NULL when
 * the request is unpriced (no matching entry, no token counts, cache counts above the input tokens).
 */
public class CostUsdFunction extends ScalarFunction {

    /** Job parameter naming the price file (the DataStream jobs' option of the same key). */
    public static final String PRICES_PARAMETER = "llm-eval.prices.file";

    private static final double PICO = 1e12;

    private transient PriceTable prices;

    @Override
    public void open(FunctionContext context) throws IOException {
        String file = context.getJobParameter(PRICES_PARAMETER, null);
        prices = file == null || file.isBlank() ? PriceTable.defaults() : PriceTable.load(Path.of(file));
    }

    public Double eval(String model, Instant ts, Long input, Long output, Long cacheRead, Long cacheWrite) {
        if (model == null || ts == null) {
            return null;
        }
        if (prices == null) {
            prices = PriceTable.defaults(); // constant folding at planning time calls eval without open
        }
        Long pico = prices.costPicoUsd(model, ts.toEpochMilli(), input, output, cacheRead, cacheWrite);
        return pico == null ? null : pico / PICO;
    }

    public Double eval(String model, LocalDateTime ts, Long input, Long output, Long cacheRead, Long cacheWrite) {
        return eval(model, ts == null ? null : ts.toInstant(ZoneOffset.UTC), input, output, cacheRead, cacheWrite);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(InputTypeStrategies.or(
                        InputTypeStrategies.explicitSequence(DataTypes.STRING(),
                                DataTypes.TIMESTAMP_LTZ(3).bridgedTo(Instant.class), DataTypes.BIGINT(), DataTypes.BIGINT(),
                                DataTypes.BIGINT(), DataTypes.BIGINT()),
                        InputTypeStrategies.explicitSequence(DataTypes.STRING(),
                                DataTypes.TIMESTAMP(3).bridgedTo(LocalDateTime.class), DataTypes.BIGINT(), DataTypes.BIGINT(),
                                DataTypes.BIGINT(), DataTypes.BIGINT())))
                .outputTypeStrategy(TypeStrategies.explicit(DataTypes.DOUBLE()))
                .build();
    }
}
