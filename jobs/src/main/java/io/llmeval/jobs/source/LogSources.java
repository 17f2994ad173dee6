package io.llmeval.jobs.source;

import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Builds the sources of raw log lines: files, directory trees and globs of JSONL or gzipped JSONL. */
public final class LogSources {

    private LogSources() {}

    /**
     * A file source over {@code inputs}. Directories are read recursively (hidden files and files
     * starting with '_' are skipped), splits are read in path order, and with a
     * {@code monitorInterval} the directories are watched for new files instead of read once.
     */
    public static FileSource<RawLine> files(List<String> inputs, int maxLineBytes, Duration monitorInterval) {
        return files(resolve(inputs), maxLineBytes, monitorInterval);
    }

    /** The same over already resolved paths (a backfill unit's files). */
    public static FileSource<RawLine> files(Collection<Path> paths, int maxLineBytes, Duration monitorInterval) {
        FileSource.FileSourceBuilder<RawLine> builder = FileSource.forBulkFileFormat(
                        new JsonLinesFileFormat(maxLineBytes), paths.toArray(new Path[0]));
        builder.setSplitAssigner(PathOrderSplitAssigner.provider());
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
        }
        return builder.build();
    }

    /**
     * Expands local globs ({@code logs/2026-*\/*.jsonl.gz}) into the files they match; other inputs
     * (plain paths, directories, URIs such as {@code s3://bucket/logs}) are passed to Flink as they are.
     *
     * @throws IllegalArgumentException when a local path does not exist or a glob matches nothing
     */
    public static List<Path> resolve(List<String> inputs) {
        List<Path> paths = new ArrayList<>();
        for (String input : inputs) {
            if (input.contains("://")) {
                paths.add(new Path(input));
            } else if (isGlob(input)) {
                List<Path> matches = expandGlob(input);
                if (matches.isEmpty()) {
                    throw new IllegalArgumentException("input glob matches no file: " + input);
                }
                paths.addAll(matches);
            } else {
                java.nio.file.Path local = java.nio.file.Path.of(input);
                if (!Files.exists(local)) {
                    throw new IllegalArgumentException("input does not exist: " + input);
                }
                paths.add(new Path(local.toAbsolutePath().toUri()));
            }
        }
        return paths;
    }

    private static boolean isGlob(String input) {
        return input.indexOf('*') >= 0 || input.indexOf('?') >= 0 || input.indexOf('[') >= 0 || input.indexOf('{') >= 0;
    }

    private static List<Path> expandGlob(String glob) {
        // The walk starts at the deepest directory above the first wildcard.
        java.nio.file.Path base = java.nio.file.Path.of("/");
        String absoluteGlob = java.nio.file.Path.of(glob).isAbsolute()
                ? glob : java.nio.file.Path.of("").toAbsolutePath() + "/" + glob;
        for (String part : absoluteGlob.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (isGlob(part)) {
                break;
            }
            base = base.resolve(part);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absoluteGlob);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile)
                    .filter(matcher::matches)
                    .sorted()
                    .map(p -> new Path(p.toUri()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
