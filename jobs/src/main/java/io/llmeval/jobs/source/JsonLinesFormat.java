package io.llmeval.jobs.source;

import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-delimited records as raw bytes, one {@link RawLine} per non-blank line, with its
 * 1-based line number as {@code source}. Bytes are not decoded here so that the parser can tell
 * invalid UTF-8 apart; lines longer than {@code maxLineBytes} are cut and flagged {@code truncated}
 * (the rest of the line is skipped), which keeps memory bounded whatever the input.
 * Compressed files ({@code .gz}, {@code .deflate}, ...) are decompressed by Flink by file extension.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<RawLine> {

    private static final long serialVersionUID = 1L;

    private final int maxLineBytes;

    public JsonLinesFormat(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public StreamFormat.Reader<RawLine> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(stream, maxLineBytes);
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }

    /** Splits a byte stream into lines; exposed for the Kafka-free unit tests. */
    static final class LineReader implements StreamFormat.Reader<RawLine> {
        private final InputStream in;
        private final int maxLineBytes;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        private long lineNumber;

        LineReader(InputStream in, int maxLineBytes) {
            this.in = new BufferedInputStream(in, 64 * 1024);
            this.maxLineBytes = maxLineBytes;
        }

        @Override
        public RawLine read() throws IOException {
            while (true) {
                buffer.reset();
                boolean truncated = false;
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    if (buffer.size() <= maxLineBytes) {
                        buffer.write(b);
                    } else {
                        truncated = true;
                    }
                }
                if (b == -1 && buffer.size() == 0) {
                    return null;
                }
                lineNumber++;
                byte[] bytes = stripCarriageReturn(buffer.toByteArray());
                if (!isBlank(bytes)) {
                    return new RawLine(bytes, Long.toString(lineNumber), truncated);
                }
            }
        }

        private static byte[] stripCarriageReturn(byte[] bytes) {
            if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                byte[] shorter = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, shorter, 0, shorter.length);
                return shorter;
            }
            return bytes;
        }

        private static boolean isBlank(byte[] bytes) {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
