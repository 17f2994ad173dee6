package io.llmeval.jobs.sink;

import io.llmeval.jobs.pipeline.WindowMetrics;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** CSV part files of window metrics, each starting with the header row of {@link WindowMetrics#COLUMNS}. */
public class WindowCsvWriterFactory implements BulkWriter.Factory<WindowMetrics> {

    private static final long serialVersionUID = 1L;

    @Override
    public BulkWriter<WindowMetrics> create(FSDataOutputStream out) throws IOException {
        out.write((String.join(",", WindowMetrics.COLUMNS) + "\n").getBytes(StandardCharsets.UTF_8));
        return new BulkWriter<>() {
            @Override
            public void addElement(WindowMetrics metrics) throws IOException {
                StringBuilder row = new StringBuilder(256);
                Object[] values = metrics.values();
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        row.append(',');
                    }
                    row.append(OutputJson.csvCell(values[i]));
                }
                out.write(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void finish() throws IOException {
                out.flush();
            }
        };
    }
}
