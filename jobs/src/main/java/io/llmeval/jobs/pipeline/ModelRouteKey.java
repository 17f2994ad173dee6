package io.llmeval.jobs.pipeline;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Keys requests by (model, route), the unit every metric and alert is reported for. */
public class ModelRouteKey implements KeySelector<RequestFacts, Tuple2<String, String>> {

    @Override
    public Tuple2<String, String> getKey(RequestFacts record) {
        return Tuple2.of(record.model, record.route);
    }
}
