package io.llmeval.jobs.backfill;

import io.llmeval.jobs.pipeline.TimeRange;
import io.llmeval.jobs.source.InputFile;
import io.llmeval.jobs.source.InputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a backfill will read: the input files ({@link InputFiles#list}: directories listed recursively, hidden and
 * {@code _}-prefixed files skipped as Flink's file source does, globs expanded), in path order, without those whose date partition cannot meet
 * the time range, cut into units of work of about {@code unitBytes}. A unit is the grain of {@code --resume}: it is
 * read by one Flink job and committed whole.
 *
 * @param files the files to read, in path order
 * @param skippedByPartition files not opened because their date partition lies outside the time range
 * @param units the files cut into units, in path order
 * @param fingerprint SHA-256 over the files (path, size, modification time) and the settings that shape the output:
 *                    a resumed run must have the same
 */
public record BackfillPlan(List<InputFile> files, int skippedByPartition, List<Unit> units, String fingerprint) {

    /** A unit of work: an id stable across runs with the same plan, and its files. */
    public record Unit(String id, List<InputFile> files) {
        public long bytes() {
            return files.stream().mapToLong(InputFile::sizeBytes).sum();
        }
    }

    /**
     * @param inputs files, directories or globs as given on the command line
     * @param range the run's time range (files of date partitions outside it, widened by {@code partitionSlackMillis}
     *              before their start for late-shipped records, are skipped)
     * @param unitBytes target input bytes per unit
     * @param minFilesPerUnit fewest files per unit (the job's parallelism: a unit of one file keeps one core busy)
     * @param settings every option that shapes the output, for the fingerprint
     */
    public static BackfillPlan of(List<String> inputs, TimeRange range, long partitionSlackMillis, long unitBytes,
                                  int minFilesPerUnit, Map<String, String> settings) throws IOException {
        List<InputFile> files = new ArrayList<>();
        int skipped = 0;
        for (InputFile file : InputFiles.list(inputs)) {
            if (inRange(file, range, partitionSlackMillis)) {
                files.add(file);
            } else {
                skipped++;
            }
        }
        return new BackfillPlan(List.copyOf(files), skipped, units(files, unitBytes, Math.max(1, minFilesPerUnit)),
                fingerprint(files, settings));
    }

    public long totalBytes() {
        return files.stream().mapToLong(InputFile::sizeBytes).sum();
    }

    private static boolean inRange(InputFile file, TimeRange range, long slackMillis) {
        if (range.isAll()) {
            return true;
        }
        return DatePartitions.of(file.path())
                .map(span -> range.overlaps(span.startMillis() - slackMillis, span.endMillis()))
                .orElse(true);
    }

    private static List<Unit> units(List<InputFile> files, long unitBytes, int minFiles) {
        List<Unit> units = new ArrayList<>();
        List<InputFile> current = new ArrayList<>();
        long bytes = 0;
        for (InputFile file : files) {
            current.add(file);
            bytes += file.sizeBytes();
            if (bytes >= unitBytes && current.size() >= minFiles) {
                units.add(unit(units.size(), current));
                current = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!current.isEmpty()) {
            units.add(unit(units.size(), current));
        }
        return List.copyOf(units);
    }

    private static Unit unit(int index, List<InputFile> files) {
        return new Unit(String.format("unit-%05d-%s", index, sha256(files.toString()).substring(0, 12)), List.copyOf(files));
    }

    private static String fingerprint(List<InputFile> files, Map<String, String> settings) {
        return sha256(files + "\n" + new TreeMap<>(settings));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
