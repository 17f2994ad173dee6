package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.CommandLines;
import io.llmeval.jobs.cli.StreamCommand;
import io.llmeval.report.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code llm-eval} command line ({@code bin/llm-eval}): the Flink jobs ({@code stream}, {@code backfill}, from the
 * job jar's {@link io.llmeval.jobs.cli.LlmEvalJobs}) run on an in-process MiniCluster, plus the local tooling that never
 * ships in the job jar: generator, demo, Kafka broker and standalone cluster runners, embedded SQL runner, scoring and
 * embedding commands.
 *
 * <p>Exit codes ({@link io.llmeval.jobs.cli.ExitCodes}): 0 success, 1 failure while running, 2 unusable arguments,
 * 3 unusable input; every failure prints one line, {@code llm-eval: <reason>}, on stderr.
 */
@Command(name = "llm-eval", mixinStandardHelpOptions = true, version = "llm-eval 0.1.0",
        description = "Evaluate LLM services from their request logs with Apache Flink.",
        subcommands = {
            GenerateCommand.class,
            StreamCommand.class,
            LocalBackfillCommand.class,
            DemoCommand.class,
            ClusterCommand.class,
            SqlCommand.class,
            KafkaCommand.class,
            RougeCommand.class,
            HallucinationCommand.class,
            EvalHallucinationCommand.class,
            EmbedCommand.class,
            ReferenceCommand.class,
            ReportCommand.class,
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
        return CommandLines.withExitCodes(new CommandLine(new LlmEval()));
    }
}
