package io.llmeval.cli.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Lines into {@code part-NNNNN.jsonl[.gz]} files of at most {@code perFile} lines each: the generator's log files. */
final class RotatingLines implements AutoCloseable {

    private final Path dir;
    private final long perFile;
    private final boolean gzip;
    private final List<Path> files = new ArrayList<>();
    private OutputStream out;
    private long written;

    RotatingLines(Path dir, long perFile, boolean gzip) {
        this.dir = dir;
        this.perFile = perFile;
        this.gzip = gzip;
    }

    void write(byte[] line) throws IOException {
        if (written % perFile == 0) {
            close();
            Path file = dir.resolve(String.format("part-%05d.jsonl%s", files.size(), gzip ? ".gz" : ""));
            OutputStream buffered = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            out = gzip ? new GZIPOutputStream(buffered, 1 << 16) : buffered;
            files.add(file);
        }
        out.write(line);
        out.write('\n');
        written++;
    }

    /** Lines written so far. */
    long written() {
        return written;
    }

    /** The files written, in order. */
    List<Path> files() {
        return files;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
