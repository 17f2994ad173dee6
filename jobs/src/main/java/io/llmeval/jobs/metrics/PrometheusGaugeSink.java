package io.llmeval.jobs.metrics;

import io.llmeval.jobs.pipeline.WindowMetrics;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Publishes each closed window as Flink gauges (see {@link WindowGauges}); whichever metric reporter
 * the cluster configures exports them — {@code flink-metrics-prometheus} on port 9249 by default.
 */
public class PrometheusGaugeSink implements Sink<WindowMetrics> {

    private static final long serialVersionUID = 1L;

    private final int maxKeys;

    public PrometheusGaugeSink(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    @Override
    public SinkWriter<WindowMetrics> createWriter(WriterInitContext context) {
        WindowGauges gauges = new WindowGauges(context.metricGroup(), maxKeys);
        return gauges.writer();
    }
}
