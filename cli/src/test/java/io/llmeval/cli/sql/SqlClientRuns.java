package io.llmeval.cli.sql;

import io.llmeval.cli.cluster.ClusterLayout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: {@link SqlClientLauncher} over this checkout, and a file run with the client's output kept. */
final class SqlClientRuns {

    /** How a run ended and what the client printed. */
    record Run(SqlClientLauncher.Outcome outcome, String output) {}

    private SqlClientRuns() {}

    static SqlClientLauncher launcher(Path workDir) {
        return new SqlClientLauncher(new ClusterLayout(SqlFiles.root()), workDir);
    }

    /** Runs {@code request}'s file with the client, working in {@code workDir}. */
    static Run runFile(Path workDir, SqlClientLauncher.Request request) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SqlClientLauncher.Outcome outcome = launcher(workDir).runFile(request, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return new Run(outcome, printed.toString(StandardCharsets.UTF_8));
    }

    /** The files of {@link SqlFiles#initArgs()}: functions, sources, scores, windows. */
    static List<Path> initFiles() {
        List<String> args = SqlFiles.initArgs();
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.size(); i += 2) {
            files.add(Path.of(args.get(i)));
        }
        return files;
    }
}
