package io.llmeval.jobs.schema;

/**
 * One undecoded input record: the bytes of a JSON line (or Kafka value) and where it came from.
 * Decoding happens in the parser so that invalid UTF-8 is caught and dead-lettered, not replaced.
 */
public class RawLine {
    public byte[] bytes;
    /** Position of the record: {@code path:line} for files, {@code topic-partition@offset} for Kafka. */
    public String source;
    /** Set when the line was longer than the reader's bound and only its head was kept. */
    public boolean truncated;
    /**
     * Not a record but the damage of an input file (a corrupt or truncated archive, a read error): why, in one line,
     * and how far the file was read. {@code bytes} then holds what was read of the broken line. {@code null} for records.
     */
    public String unreadable;

    public RawLine() {}

    public RawLine(byte[] bytes, String source, boolean truncated) {
        this.bytes = bytes;
        this.source = source;
        this.truncated = truncated;
    }
}
