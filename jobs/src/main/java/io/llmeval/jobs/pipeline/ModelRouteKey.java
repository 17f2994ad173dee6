package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Keys records by (model, route), the unit every metric and alert is reported for. */
public class ModelRouteKey implements KeySelector<LogRecord, Tuple2<String, String>> {

    @Override
    public Tuple2<String, String> getKey(LogRecord record) {
        return Tuple2.of(record.model, record.route);
    }
}
