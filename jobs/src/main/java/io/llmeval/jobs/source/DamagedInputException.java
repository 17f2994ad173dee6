package io.llmeval.jobs.source;

import java.io.IOException;

/**
 * The input stream of a file broke while reading (a truncated or corrupt gzip member, a read error): what was read of
 * the line in progress, its line number, and the cause.
 */
public final class DamagedInputException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient byte[] partialLine;
    private final long lineNumber;

    DamagedInputException(byte[] partialLine, long lineNumber, IOException cause) {
        super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        this.partialLine = partialLine;
        this.lineNumber = lineNumber;
    }

    public byte[] partialLine() {
        return partialLine;
    }

    public long lineNumber() {
        return lineNumber;
    }
}
