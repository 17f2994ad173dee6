package io.llmeval.cli.demo;

import io.llmeval.jobs.alerts.AlertEvent;
import io.llmeval.cli.generator.Incident;
import io.llmeval.jobs.pipeline.WindowMetrics;
import io.llmeval.jobs.schema.DeadLetter;
import io.llmeval.jobs.schema.EventTimestamps;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * Prints closed windows as a live table on stdout, marking windows that overlap an injected incident.
 * Run it at parallelism 1 so rows do not interleave.
 */
public class ConsoleWindowSink implements Sink<WindowMetrics> {

    private static final long serialVersionUID = 1L;
    static final String HEADER = String.format("%-8s %-24s %-5s %6s %6s %8s %8s %8s %8s %8s %7s  %s",
            "window", "model", "route", "reqs", "err%", "p50 ms", "p95 ms", "p99 ms", "ttft95", "in tok/r", "halluc%", "incident");

    private final List<Incident> incidents;

    public ConsoleWindowSink(List<Incident> incidents) {
        this.incidents = incidents;
    }

    @Override
    public SinkWriter<WindowMetrics> createWriter(WriterInitContext context) {
        PrintStream out = System.out;
        out.println(HEADER);
        return new SinkWriter<>() {
            @Override
            public void write(WindowMetrics m, Context ctx) {
                out.println(row(m, incidents));
            }

            @Override
            public void flush(boolean endOfInput) {
                out.flush();
            }

            @Override
            public void close() {}
        };
    }

    static String row(WindowMetrics m, List<Incident> incidents) {
        return String.format("%-8s %-24s %-5s %6d %6.1f %8.0f %8.0f %8.0f %8.0f %8.0f %7s  %s",
                Instant.ofEpochMilli(m.windowStartMillis).toString().substring(11, 16), m.model, m.route,
                m.requestCount, 100 * m.errorRate, m.latencyP50Ms, m.latencyP95Ms, m.latencyP99Ms, m.ttftP95Ms,
                m.requestCount == 0 ? 0.0 : (double) m.inputTokensSum / m.requestCount,
                Double.isNaN(m.hallucinationRate) ? "-" : String.format("%.1f", 100 * m.hallucinationRate),
                incidentLabel(m, incidents));
    }

    private static String incidentLabel(WindowMetrics m, List<Incident> incidents) {
        StringBuilder label = new StringBuilder();
        for (Incident incident : incidents) {
            boolean sameKey = incident.model().equals(m.model) && incident.route().equals(m.route);
            boolean overlaps = m.windowStartMillis < incident.endMillis() && incident.startMillis() < m.windowEndMillis;
            if (sameKey && overlaps) {
                label.append("<< ").append(incident.type().id()).append(' ');
            }
        }
        return label.toString().trim();
    }

    /** Prints one line per element to standard output, as it arrives. */
    abstract static class PrintedLines<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;

        /** The element's line. */
        abstract String line(T element);

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            PrintStream out = System.out;
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    out.println(line(element));
                }

                @Override
                public void flush(boolean endOfInput) {
                    out.flush();
                }

                @Override
                public void close() {}
            };
        }
    }

    /** Prints each dead letter as it occurs. */
    public static class DeadLetters extends PrintedLines<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        String line(DeadLetter d) {
            return "  dead letter: " + d.reason + " at " + shortSource(d.source);
        }

        private static String shortSource(String source) {
            int slash = source == null ? -1 : source.lastIndexOf('/');
            return slash < 0 ? String.valueOf(source) : source.substring(slash + 1);
        }
    }

    /** Prints each alert event as it is raised. */
    public static class Alerts extends PrintedLines<AlertEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        String line(AlertEvent e) {
            return String.format("  ALERT %-8s %-19s %s/%s %s-%s value %.4g (threshold %.4g, %d windows)",
                    e.state().id(), e.alert(), e.model(), e.route(),
                    EventTimestamps.format(e.windowStartMillis()).substring(11, 16),
                    EventTimestamps.format(e.windowEndMillis()).substring(11, 16),
                    e.value(), e.threshold(), e.breachedWindows());
        }
    }
}
