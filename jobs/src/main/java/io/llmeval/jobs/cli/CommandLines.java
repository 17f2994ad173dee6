package io.llmeval.jobs.cli;

import picocli.CommandLine;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * The exit-code contract shared by the job jar's command line ({@link LlmEvalJobs}) and the full {@code llm-eval}
 * command line: 0 success, 1 failure while running, 2 unusable arguments, 3 unusable input ({@link ExitCodes}),
 * every failure as one line, {@code llm-eval: <reason>}, on stderr.
 */
public final class CommandLines {

    private CommandLines() {}

    /** Installs the usage and execution error handlers on {@code cli} and returns it. */
    public static CommandLine withExitCodes(CommandLine cli) {
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("llm-eval: " + ex.getMessage().lines().findFirst().orElse("invalid arguments")
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable root = rootCause(ex);
            boolean badInput = isBadInput(root);
            // A failed job's stack trace is in the log file, not on the console: say where.
            commandLine.getErr().println("llm-eval: " + describe(root) + (badInput ? "" : LogFile.note()));
            return badInput ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
        });
        return cli;
    }

    private static boolean isBadInput(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof NoSuchFileException
                || t instanceof FileNotFoundException;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof NoSuchFileException) {
            message = "no such file: " + message;
        }
        return message.lines().findFirst().orElse(message);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof UncheckedIOException || current.getClass().getName().startsWith("org.apache.flink")
                        || current instanceof java.util.concurrent.ExecutionException)) {
            current = current.getCause();
        }
        return current;
    }
}
