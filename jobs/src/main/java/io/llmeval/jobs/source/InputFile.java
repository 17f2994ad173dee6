package io.llmeval.jobs.source;

/**
 * One input file of a backfill as listed at the start: its path (a Flink path string, {@code file:/...} for local
 * files), size in bytes as stored and modification time. Size and time are part of the run's fingerprint, so a file
 * that changed between a crash and {@code --resume} is noticed.
 */
public record InputFile(String path, long sizeBytes, long modifiedMillis) {}
