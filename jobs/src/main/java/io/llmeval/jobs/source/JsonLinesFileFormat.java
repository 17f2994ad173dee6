package io.llmeval.jobs.source;

import io.llmeval.jobs.progress.LocalProgress;
import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.Path;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads files of newline-delimited records (JSON lines, decompressed by extension: {@code .gz}, {@code .deflate},
 * {@code .bz2}, {@code .xz}) as {@link RawLine}s whose {@code source} is {@code path:line}.
 *
 * <p><b>Damaged files are data, not failures.</b> A file that cannot be opened or decompressed, or whose stream breaks
 * part-way (a truncated or corrupt gzip member, a read error), yields the records before the damage and then one
 * {@link RawLine#unreadable} marker with the error's one-line message and the byte offset reached; the parser turns it
 * into an {@code unreadable_input} dead letter and the job carries on with the other files. A single bad file among
 * thousands of archives must not cost the rest.
 *
 * <p>Files are not split (compressed files cannot be, and rotated logs are read whole in path order). A checkpoint
 * records how many records of the file were emitted; a restored reader skips that many. Bytes read (as stored) and
 * records go to {@link LocalProgress}.
 */
public final class JsonLinesFileFormat implements BulkFormat<RawLine, FileSourceSplit> {

    private static final long serialVersionUID = 1L;
    /** Records per batch handed to the source reader: large enough to amortise the hand-over, small enough to stay responsive. */
    private static final int BATCH_RECORDS = 512;

    private final int maxLineBytes;

    public JsonLinesFileFormat(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Reader<RawLine> createReader(Configuration config, FileSourceSplit split) {
        return new FileReader(split.path(), maxLineBytes, 0);
    }

    @Override
    public Reader<RawLine> restoreReader(Configuration config, FileSourceSplit split) {
        long emitted = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new FileReader(split.path(), maxLineBytes, emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }

    /** Reads one file; never throws for a damaged file, which ends in an {@link RawLine#unreadable} marker instead. */
    private static final class FileReader implements Reader<RawLine> {
        private final String path;
        private CountingInputStream stored;
        private LineReader lines;
        private RawLine damage;
        private long emitted;
        private long bytesReported;
        private boolean done;

        FileReader(Path file, int maxLineBytes, long alreadyEmitted) {
            this.path = file.toString();
            try {
                stored = new CountingInputStream(file.getFileSystem().open(file));
                lines = new LineReader(InputFiles.decompressed(file, stored), maxLineBytes);
                skip(alreadyEmitted);
            } catch (DamagedInputException e) {
                damaged(e.partialLine(), e.lineNumber(), e);
            } catch (IOException | RuntimeException e) {
                damaged(new byte[0], 1, e);
            }
            emitted = alreadyEmitted;
        }

        /** After a restore: the records emitted before the checkpoint, the damage marker among them, are not emitted again. */
        private void skip(long records) throws IOException {
            for (long i = 0; i < records; i++) {
                try {
                    if (lines.read() == null) {
                        break;
                    }
                } catch (DamagedInputException e) {
                    done = true; // the marker was the last record emitted
                    return;
                }
            }
        }

        private void damaged(byte[] partialLine, long lineNumber, Exception cause) {
            String message = cause instanceof DamagedInputException ? cause.getMessage()
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            String where = stored == null ? "" : " (after " + stored.count + " bytes of the file)";
            damage = new RawLine(partialLine, path + ":" + lineNumber, false);
            damage.unreadable = message.lines().findFirst().orElse(message) + where;
            LocalProgress.addDamagedFile();
        }

        @Override
        public RecordIterator<RawLine> readBatch() {
            if (done) {
                return null;
            }
            List<RawLine> batch = new ArrayList<>(damage == null ? BATCH_RECORDS : 1);
            if (damage == null) {
                try {
                    RawLine line = null;
                    while (batch.size() < BATCH_RECORDS && (line = lines.read()) != null) {
                        line.source = path + ":" + line.source;
                        batch.add(line);
                    }
                    done = line == null;
                } catch (DamagedInputException e) {
                    damaged(e.partialLine(), e.lineNumber(), e);
                } catch (IOException e) {
                    damaged(new byte[0], 0, e);
                }
            }
            if (damage != null) {
                batch.add(damage);
                damage = null;
                done = true;
            }
            reportBytes();
            if (batch.isEmpty()) {
                return null;
            }
            LocalProgress.addRecords(batch.size());
            IteratorResultIterator<RawLine> records =
                    new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, emitted);
            emitted += batch.size();
            return records;
        }

        private void reportBytes() {
            if (stored != null) {
                LocalProgress.addBytes(stored.count - bytesReported);
                bytesReported = stored.count;
            }
        }

        @Override
        public void close() throws IOException {
            if (stored != null) {
                stored.close();
            }
        }
    }

    /** Counts the bytes read from the file as stored (before decompression), for progress and damage offsets. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
