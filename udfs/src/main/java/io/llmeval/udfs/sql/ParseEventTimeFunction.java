package io.llmeval.udfs.sql;

import io.llmeval.udfs.time.EventTimes;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;

import java.time.Instant;

/**
 * {@code PARSE_EVENT_TIME(timestamp)}: the event time of a request log record, from any of the forms the
 * log schema accepts — RFC 3339 with {@code Z} or an offset ({@code 2026-01-01T02:00:00+02:00}), epoch
 * milliseconds as a digit string, or the text Flink's JSON format gives a STRING column for a JSON number —
 * exactly what the DataStream parser accepts ({@link EventTimes}, docs/log-schema.md).
 *
 * <pre>{@code
 * CREATE TEMPORARY SYSTEM FUNCTION PARSE_EVENT_TIME AS 'io.llmeval.udfs.sql.ParseEventTimeFunction' LANGUAGE JAVA;
 * CREATE TABLE logs (`timestamp` STRING, ...,
 *     event_time AS COALESCE(PARSE_EVENT_TIME(`timestamp`), TO_TIMESTAMP_LTZ(0, 3)),
 *     WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND) WITH (...);
 * }</pre>
 *
 * <p>Types: STRING → TIMESTAMP_LTZ(3). NULL for NULL, for text in no accepted form, and for times outside
 * [2000-01-01, 2100-01-01) (epoch seconds or microseconds sent by mistake).
 */
public class ParseEventTimeFunction extends ScalarFunction {

    public Instant eval(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        long millis = EventTimes.parseJsonText(timestamp);
        return millis < 0 ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .typedArguments(DataTypes.STRING())
                .outputTypeStrategy(TypeStrategies.explicit(DataTypes.TIMESTAMP_LTZ(3)))
                .build();
    }
}
