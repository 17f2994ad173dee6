package io.llmeval.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * The {@code llm-eval} command line. Every subcommand is also a Flink program:
 * {@code flink run -c io.llmeval.jobs.cli.LlmEval llm-eval-jobs-job.jar backfill --input ... --output ...}.
 *
 * <p>Exit codes ({@link ExitCodes}): 0 success, 1 failure while running, 2 unusable arguments,
 * 3 unusable input; every failure prints one line, {@code llm-eval: <reason>}, on stderr.
 */
@Command(name = "llm-eval", mixinStandardHelpOptions = true, version = "llm-eval 0.1.0",
        description = "Evaluate LLM services from their request logs with Apache Flink.",
        subcommands = {
            GenerateCommand.class,
            StreamCommand.class,
            BackfillCommand.class,
            DemoCommand.class,
            ClusterCommand.class,
            SqlCommand.class,
            KafkaCommand.class,
            RougeCommand.class,
            HallucinationCommand.class,
            EvalHallucinationCommand.class,
            EmbedCommand.class,
            ReferenceCommand.class,
        })
public class LlmEval implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        int code = execute(args);
        // Flink leaves non-daemon threads behind after a local job; the CLI is done.
        System.exit(code);
    }

    /** Runs the command line in-process and returns its exit code (used by tests). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LlmEval());
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("llm-eval: " + ex.getMessage().lines().findFirst().orElse("invalid arguments")
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable root = rootCause(ex);
            commandLine.getErr().println("llm-eval: " + describe(root));
            return isBadInput(root) ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
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
