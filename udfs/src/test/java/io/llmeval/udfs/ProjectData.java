package io.llmeval.udfs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's {@code data/} folder (reference data kept in the project, see {@code data/README.md}):
 * the surefire property {@code llmeval.data.dir}, else the first {@code data/} with a README found walking up
 * from the working directory (a test run from an IDE).
 */
public final class ProjectData {

    private ProjectData() {}

    /** {@code data/NAME}, which must exist. */
    public static Path directory(String name) {
        Path data = dataDirectory();
        Path dir = data.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no " + name + "/ in " + data);
        }
        return dir;
    }

    private static Path dataDirectory() {
        String configured = System.getProperty("llmeval.data.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("data").resolve("README.md"))) {
                return dir.resolve("data");
            }
        }
        throw new IllegalStateException("the project's data/ folder is not above " + start);
    }
}
