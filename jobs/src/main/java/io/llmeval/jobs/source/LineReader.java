package io.llmeval.jobs.source;

import io.llmeval.jobs.schema.RawLine;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into newline-delimited records, one {@link RawLine} per non-blank line with its 1-based line
 * number as {@code source}. Bytes are not decoded here so that the parser can tell invalid UTF-8 apart; lines longer
 * than {@code maxLineBytes} are cut and flagged {@code truncated} (the rest of the line is skipped), which keeps memory
 * bounded whatever the input. Scans a 64 KB buffer for '\n' and copies whole segments: this runs once per input byte
 * of every backfill, so no per-byte calls or synchronised streams.
 *
 * <p>When the stream breaks (a truncated or corrupt gzip member, an I/O error), {@link #read()} throws a
 * {@link DamagedInputException} that carries the line being read and its number, so the damage can become one dead
 * letter after the records before it.
 */
public final class LineReader implements Closeable {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean endOfInput;
    private byte[] line = new byte[1024];
    private long lineNumber;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    public RawLine read() throws IOException {
        while (true) {
            int length = 0;
            boolean truncated = false;
            boolean newline = false;
            while (!newline) {
                if (position == limit && !fill(length)) {
                    break;
                }
                int end = position;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                newline = end < limit;
                int kept = Math.min(end - position, maxLineBytes + 1 - length);
                if (kept < end - position) {
                    truncated = true;
                }
                append(position, kept, length);
                length += kept;
                position = newline ? end + 1 : end;
            }
            if (!newline && length == 0 && !truncated) {
                return null;
            }
            lineNumber++;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            if (!isBlank(line, length)) {
                return new RawLine(Arrays.copyOf(line, length), Long.toString(lineNumber), truncated);
            }
        }
    }

    private boolean fill(int partialLength) throws DamagedInputException {
        if (endOfInput) {
            return false;
        }
        int read;
        try {
            read = in.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            endOfInput = true;
            throw new DamagedInputException(Arrays.copyOf(line, partialLength), lineNumber + 1, e);
        }
        if (read <= 0) {
            endOfInput = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private void append(int from, int count, int length) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, from, line, length, count);
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
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
