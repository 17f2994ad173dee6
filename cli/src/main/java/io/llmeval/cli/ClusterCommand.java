package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import io.llmeval.cli.cluster.ClusterLayout;
import io.llmeval.cli.cluster.StandaloneCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code llm-eval cluster start|stop|submit}: a standalone Flink cluster on this machine, from flink-conf/. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a standalone Flink cluster (JobManager + TaskManagers as separate JVMs) with flink-conf/config.yaml.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Submit.class})
public class ClusterCommand implements Runnable {

    static final String DEFAULT_DIR = ".llm-eval/cluster";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: start, stop or submit");
    }

    static StandaloneCluster cluster(Path dir) {
        return new StandaloneCluster(ClusterLayout.discover(), dir);
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a JobManager and TaskManagers in the background.")
    static class Start extends BaseCommand {
        @Option(names = "--taskmanagers", paramLabel = "N", description = "TaskManagers to start (default: 2).")
        int taskManagers = 2;

        @Option(names = "--dir", paramLabel = "DIR", description = "PID files and logs (default: " + DEFAULT_DIR + ").")
        Path dir = Path.of(DEFAULT_DIR);

        @Override
        protected int execute() throws Exception {
            if (taskManagers < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--taskmanagers must be at least 1");
            }
            StandaloneCluster cluster = cluster(dir);
            cluster.start(taskManagers);
            out().printf("Flink cluster running: 1 JobManager, %d TaskManagers; web UI http://localhost:%d; logs in %s%n",
                    taskManagers, ClusterLayout.discover().restPort(), cluster.workDir().resolve("log"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the cluster started from --dir.")
    static class Stop extends BaseCommand {
        @Option(names = "--dir", paramLabel = "DIR", description = "As given to start (default: " + DEFAULT_DIR + ").")
        Path dir = Path.of(DEFAULT_DIR);

        @Override
        protected int execute() throws Exception {
            cluster(dir).stop();
            out().println("Flink cluster stopped");
            return ExitCodes.OK;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Submit an llm-eval job to the running cluster with `flink run` (CliFrontend).",
                "Example: llm-eval cluster submit --parallelism 2 -- backfill --input logs --output out"})
    static class Submit extends BaseCommand {
        @Option(names = "--parallelism", paramLabel = "P", description = "Job parallelism (default: 2).")
        int parallelism = 2;

        @Option(names = "--jar", paramLabel = "JAR", description = "Job jar (default: jobs/target/llm-eval-jobs-*-job.jar).")
        Path jar;

        @Option(names = "--dir", paramLabel = "DIR", description = "As given to start (default: " + DEFAULT_DIR + ").")
        Path dir = Path.of(DEFAULT_DIR);

        @Parameters(paramLabel = "ARGS", arity = "1..*", description = "The llm-eval job (stream or backfill) and its arguments, after --.")
        List<String> jobArgs = new ArrayList<>();

        @Override
        protected int execute() throws Exception {
            Path jobJar = jar != null ? jar : ClusterLayout.discover().jobJar();
            if (!Files.isRegularFile(jobJar)) {
                throw new IllegalArgumentException("job jar not found: " + jobJar + " (run `mvn -B -DskipTests package`)");
            }
            StandaloneCluster.ProcessResult result = cluster(dir).submit(jobJar, parallelism, jobArgs);
            out().print(result.output());
            if (result.exitCode() != 0) {
                err().println("llm-eval: flink run exited with " + result.exitCode());
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }
}
