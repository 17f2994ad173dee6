package io.llmeval.jobs.source;

import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The input files of a run as every reader of logs sees them (the backfill's plan, the reference builder): files,
 * directories listed recursively and globs ({@link LogSources#resolve}), on any Flink file system, without hidden and
 * {@code _}-prefixed names (as Flink's file source skips them), in path order; and their content decompressed by
 * extension ({@code .gz}, {@code .deflate}, {@code .bz2}, {@code .xz}).
 */
public final class InputFiles {

    private InputFiles() {}

    /** Every input file below {@code inputs}, in path order. */
    public static List<InputFile> list(List<String> inputs) throws IOException {
        List<InputFile> files = new ArrayList<>();
        for (Path input : LogSources.resolve(inputs)) {
            list(input, files);
        }
        files.sort(Comparator.comparing(InputFile::path));
        return files;
    }

    private static void list(Path path, List<InputFile> out) throws IOException {
        FileSystem fs = path.getFileSystem();
        FileStatus status = fs.getFileStatus(path);
        if (!status.isDir()) {
            out.add(new InputFile(status.getPath().toString(), status.getLen(), status.getModificationTime()));
            return;
        }
        FileStatus[] children = fs.listStatus(path);
        if (children == null) {
            return;
        }
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (child.isDir()) {
                list(child.getPath(), out);
            } else {
                out.add(new InputFile(child.getPath().toString(), child.getLen(), child.getModificationTime()));
            }
        }
    }

    /** {@code stored}, the bytes of {@code file} as stored, decompressed when its extension says so. */
    public static InputStream decompressed(Path file, InputStream stored) throws IOException {
        InflaterInputStreamFactory<?> decompressor = StandardDeCompressors.getDecompressorForFileName(file.getPath());
        return decompressor == null ? stored : decompressor.create(stored);
    }

    /** The content of {@code file}, decompressed. */
    public static InputStream open(InputFile file) throws IOException {
        Path path = new Path(file.path());
        return decompressed(path, path.getFileSystem().open(path));
    }
}
