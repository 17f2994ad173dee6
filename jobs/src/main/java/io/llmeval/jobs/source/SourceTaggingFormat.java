package io.llmeval.jobs.source;

import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

import java.io.IOException;

/**
 * Wraps {@link JsonLinesFormat} so that every record's {@code source} becomes {@code path:line}:
 * a stream format never sees the file it reads, but the bulk reader gets the split.
 */
public final class SourceTaggingFormat implements BulkFormat<RawLine, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final StreamFormatAdapter<RawLine> lines;

    public SourceTaggingFormat(int maxLineBytes) {
        this.lines = new StreamFormatAdapter<>(new JsonLinesFormat(maxLineBytes));
    }

    @Override
    public Reader<RawLine> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new TaggingReader(lines.createReader(config, split), split.path().toString());
    }

    @Override
    public Reader<RawLine> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return new TaggingReader(lines.restoreReader(config, split), split.path().toString());
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return lines.getProducedType();
    }

    private record TaggingReader(Reader<RawLine> inner, String path) implements Reader<RawLine> {
        @Override
        public RecordIterator<RawLine> readBatch() throws IOException {
            RecordIterator<RawLine> batch = inner.readBatch();
            return batch == null ? null : new TaggingIterator(batch, path);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    private record TaggingIterator(RecordIterator<RawLine> inner, String path) implements RecordIterator<RawLine> {
        @Override
        public RecordAndPosition<RawLine> next() {
            RecordAndPosition<RawLine> next = inner.next();
            if (next != null) {
                RawLine line = next.getRecord();
                line.source = path + ":" + line.source;
            }
            return next;
        }

        @Override
        public void releaseBatch() {
            inner.releaseBatch();
        }
    }
}
