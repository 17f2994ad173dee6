package io.llmeval.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.cli.CliRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: the project's {@code sql/} files, {@code llm-eval} run in-process, alert event files. */
public final class SqlFiles {

    private SqlFiles() {}

    /** The project root: the first ancestor of the working directory with {@code sql/functions.sql}. */
    public static Path root() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("sql/functions.sql"))) {
                return dir;
            }
        }
        throw new IllegalStateException("sql/functions.sql not found from " + Paths.get("").toAbsolutePath());
    }

    public static String sql(String name) {
        return root().resolve("sql").resolve(name).toString();
    }

    /** {@code -i} arguments for the files every alert or window query needs, in order. */
    public static List<String> initArgs() {
        List<String> args = new ArrayList<>();
        for (String file : List.of("functions.sql", "sources.sql", "scores.sql", "windows.sql")) {
            args.add("-i");
            args.add(sql(file));
        }
        return args;
    }

    /** {@code llm-eval sql} in-process: {@link #initArgs()}, then {@code -f sql/alerts.sql} in MODE; each of VARS as {@code --var}. */
    public static CliRun alerts(String mode, String... vars) {
        List<String> args = new ArrayList<>(List.of("sql"));
        args.addAll(initArgs());
        args.addAll(List.of("-f", sql("alerts.sql"), "--mode", mode));
        for (String var : vars) {
            args.add("--var");
            args.add(var);
        }
        return llmEval(args);
    }

    /**
     * {@code llm-eval generate} in-process: 19,200 records (seed 42) with a hallucination spike and an error burst,
     * into {@code DIR/gen} and onto the {@code llm_requests} topic (3 partitions).
     */
    public static CliRun generateToKafka(Path dir, String bootstrap) {
        return llmEval(List.of("generate", "--records", "19200", "--seed", "42",
                "--incidents", "hallucination_spike,error_burst", "--output", dir.resolve("gen").toString(),
                "--to-kafka", bootstrap, "--topic", "llm_requests", "--partitions", "3"));
    }

    /** {@code llm-eval ARGS} in-process, with its output and errors captured. */
    public static CliRun llmEval(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The JSON lines of every committed file under {@code dir} (in-progress files start with '.'). */
    public static List<JsonNode> jsonLines(Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        rows.add(mapper.readTree(line));
                    }
                }
            }
        }
        return rows;
    }
}
