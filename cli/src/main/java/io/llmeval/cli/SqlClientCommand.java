package io.llmeval.cli;

import io.llmeval.cli.cluster.ClusterLayout;
import io.llmeval.cli.cluster.StandaloneCluster;
import io.llmeval.cli.sql.SqlClientJars;
import io.llmeval.cli.sql.SqlClientLauncher;
import io.llmeval.cli.sql.SqlClientScripts;
import io.llmeval.jobs.cli.BaseCommand;
import io.llmeval.jobs.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code llm-eval sql-client}: Flink's own SQL client (prompt, history, result modes, {@code SHOW FUNCTIONS},
 * {@code EXPLAIN}) with our functions, the rendered {@code sql/} files as its init file, and jobs run in-process
 * or on a running cluster.
 *
 * <pre>{@code
 * llm-eval sql-client -i sql/sources.sql -i sql/scores.sql --mode batch --var LOGS_PATH=/tmp/gen/logs
 * llm-eval sql-client -i sql/sources.sql -i sql/scores.sql -i sql/windows.sql -f sql/alerts.sql --mode batch \
 *     --var LOGS_PATH=/tmp/gen/logs --var OUTPUT_PATH=/tmp/out --cluster
 * }</pre>
 */
@Command(name = "sql-client", mixinStandardHelpOptions = true,
        description = {"Flink's own SQL client with llm-eval's functions. The -i files (placeholders",
            "rendered, joined in order) initialise the session; -f runs a file and exits,",
            "else the client is interactive. $${NAME} placeholders take --var NAME=VALUE",
            "as in `llm-eval sql` (see sql/README.md)."})
public class SqlClientCommand extends BaseCommand {

    static final String DEFAULT_WORK_DIR = ".llm-eval/sql-client";

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Run this file and exit (exit code 1 and FILE:LINE when a statement fails); interactive without it.")
    Path file;

    @Option(names = {"-i", "--init"}, paramLabel = "FILE", description = "SQL files to initialise the session with, in order (repeatable).")
    List<Path> initFiles = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", description = "streaming or batch (default: streaming).")
    SqlCommand.Mode mode = SqlCommand.Mode.streaming;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Flink/table configuration of the session (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Value of a $${NAME} placeholder (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--cluster", arity = "0..1", fallbackValue = "", paramLabel = "HOST:PORT",
            description = "Submit jobs to a running cluster instead of running them in the client: the one "
                    + "`llm-eval cluster start` started from --dir (REST address from flink-conf/config.yaml), "
                    + "or the JobManager REST endpoint given.")
    String cluster;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "With --cluster: as given to `llm-eval cluster start` (default: " + ClusterCommand.DEFAULT_DIR + ").")
    Path clusterDir = Path.of(ClusterCommand.DEFAULT_DIR);

    @Option(names = "--flink-home", paramLabel = "DIR",
            description = "Run the SQL client of this Flink distribution (lib/, opt/) rather than this checkout's; needs --jar.")
    Path flinkHome;

    @Option(names = "--jar", paramLabel = "JAR", description = "Job jar (default: jobs/target/llm-eval-jobs-*-job.jar).")
    Path jobJar;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Rendered files, configuration, log and history (default: " + DEFAULT_WORK_DIR + ").")
    Path workDir = Path.of(DEFAULT_WORK_DIR);

    @Override
    protected int execute() throws Exception {
        // Arguments first (exit code 2), then the input files (3), then what must be built or running (1).
        Optional<SqlClientLauncher.Cluster> endpoint = endpoint();
        if (flinkHome != null && jobJar == null) {
            throw new ParameterException(spec.commandLine(), "--flink-home needs --jar (the llm-eval job jar)");
        }
        boolean batch = mode == SqlCommand.Mode.batch;
        SqlClientScripts scripts = SqlClientScripts.render(initFiles, Optional.ofNullable(file), batch, vars);
        Optional<SqlClientLauncher.Cluster> target = cluster == null ? Optional.empty()
                : Optional.of(endpoint.isPresent() ? endpoint.get() : localCluster());
        SqlClientLauncher launcher = new SqlClientLauncher(jars(), workDir);

        SqlClientLauncher.Request request = new SqlClientLauncher.Request(scripts, batch, settings, target);
        SqlClientLauncher.Outcome outcome = file != null ? launcher.runFile(request, out()) : launcher.runInteractive(request);
        if (outcome.exitCode() == ExitCodes.OK) {
            return ExitCodes.OK;
        }
        err().println("llm-eval: " + outcome.error().orElse("Flink's SQL client failed"));
        return ExitCodes.FAILED;
    }

    /** {@code --cluster HOST:PORT}; empty without it or with {@code --cluster} alone. */
    private Optional<SqlClientLauncher.Cluster> endpoint() {
        if (cluster == null || cluster.isEmpty()) {
            return Optional.empty();
        }
        int colon = cluster.lastIndexOf(':');
        if (colon <= 0 || !cluster.substring(colon + 1).matches("\\d{1,5}")) {
            throw new ParameterException(spec.commandLine(), "--cluster takes HOST:PORT, not '" + cluster + "'");
        }
        return Optional.of(new SqlClientLauncher.Cluster(cluster.substring(0, colon), Integer.parseInt(cluster.substring(colon + 1))));
    }

    /** The standalone cluster {@code llm-eval cluster start} started from {@code --dir}, checked to be running. */
    private SqlClientLauncher.Cluster localCluster() throws IOException {
        ClusterLayout layout = ClusterLayout.discover();
        if (!new StandaloneCluster(layout, clusterDir).isRunning()) {
            throw new IllegalStateException("no Flink cluster is running from " + clusterDir.toAbsolutePath()
                    + "; start one with 'llm-eval cluster start'");
        }
        return new SqlClientLauncher.Cluster(layout.restAddress(), layout.restPort());
    }

    private SqlClientJars jars() throws IOException {
        if (flinkHome != null) {
            return SqlClientJars.ofDistribution(flinkHome, jobJar);
        }
        ClusterLayout layout = ClusterLayout.discover();
        return SqlClientJars.ofCheckout(layout, jobJar != null ? jobJar : layout.jobJar());
    }
}
