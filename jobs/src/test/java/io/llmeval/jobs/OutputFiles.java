package io.llmeval.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the committed part files of an output directory (hidden in-progress files excluded). */
public final class OutputFiles {

    private OutputFiles() {}

    /** All lines of all visible files under {@code dir/subdir}, sorted. */
    public static List<String> sortedLines(Path dir, String subdir) throws IOException {
        Path root = dir.resolve(subdir);
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return lines;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                Files.readAllLines(file).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        }
        lines.sort(null);
        return lines;
    }

    /** Non-blank lines of every file under {@code dir} (the input side of the accounting). */
    public static long countInputLines(Path dir) throws IOException {
        long count = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                boolean blank = true;
                for (byte b : bytes) {
                    if (b == '\n') {
                        count += blank ? 0 : 1;
                        blank = true;
                    } else if (b != ' ' && b != '\r' && b != '\t') {
                        blank = false;
                    }
                }
                count += blank ? 0 : 1;
            }
        }
        return count;
    }
}
