package io.llmeval.jobs.source;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hands out file splits in path order. Rotated log files are named in time order, so reading them in
 * that order keeps event time roughly increasing and the watermark does not overtake unread files
 * (Flink's default assigner is locality-aware and order-free, which turns whole files late).
 */
public final class PathOrderSplitAssigner implements FileSplitAssigner {

    private static final Comparator<FileSourceSplit> BY_PATH =
            Comparator.comparing((FileSourceSplit s) -> s.path().toString())
                    .thenComparingLong(FileSourceSplit::offset)
                    .thenComparing(FileSourceSplit::splitId);

    private final TreeSet<FileSourceSplit> splits = new TreeSet<>(BY_PATH);

    public PathOrderSplitAssigner(Collection<FileSourceSplit> initial) {
        splits.addAll(initial);
    }

    /** Provider for {@code FileSource.Builder#setSplitAssigner}. */
    public static FileSplitAssigner.Provider provider() {
        return PathOrderSplitAssigner::new;
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.pollFirst());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        splits.addAll(newSplits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }
}
