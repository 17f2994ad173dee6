package io.llmeval.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The job jar's command line (its {@code Main-Class}): the Flink jobs only, {@code stream} and {@code backfill}, with the
 * same options and exit codes as in {@code llm-eval}. Local tooling (generator, demo, Kafka broker and cluster
 * runners, SQL runner) is not in the job jar; it is the {@code cli} module's {@code llm-eval}.
 *
 * <pre>
 * flink run jobs/target/llm-eval-jobs-0.1.0-SNAPSHOT-job.jar backfill --input s3://logs/2026/ --output s3://out
 * flink run -c io.llmeval.jobs.cli.LlmEvalJobs job.jar stream --source kafka --bootstrap-servers kafka:9092 --output /out
 * </pre>
 */
@Command(name = "llm-eval", mixinStandardHelpOptions = true, version = "llm-eval 0.1.0",
        description = "The llm-eval Flink jobs: stream and backfill.",
        subcommands = {StreamCommand.class, BackfillCommand.class})
public class LlmEvalJobs implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: stream or backfill");
    }

    /**
     * Runs a job and returns; never calls {@code System.exit}, because in application mode (Kubernetes operator,
     * {@code standalone-job}) this {@code main} runs inside the JobManager.
     */
    public static void main(String[] args) {
        int code = execute(args);
        if (code != ExitCodes.OK) {
            throw new IllegalStateException("llm-eval " + (args.length > 0 ? args[0] + " " : "")
                    + "failed with exit code " + code + " (reason on stderr)");
        }
    }

    /** Runs the command line in-process and returns its exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        return CommandLines.withExitCodes(new CommandLine(new LlmEvalJobs()));
    }
}
