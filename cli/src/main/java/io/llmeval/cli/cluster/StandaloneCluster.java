package io.llmeval.cli.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster — one JobManager and N TaskManagers, each its own JVM — started
 * the way Flink's {@code bin/start-cluster.sh} does, from the jars Maven resolved for
 * {@code tools/flink-cluster} and the project's {@code flink-conf/config.yaml}.
 *
 * <pre>{@code
 * StandaloneCluster cluster = new StandaloneCluster(ClusterLayout.discover(), Path.of(".llm-eval/cluster"));
 * cluster.start(2);
 * ProcessResult result = cluster.submit(jobJar, 2, List.of("backfill", "--input", "logs", "--output", "out"));
 * cluster.stop();
 * }</pre>
 *
 * <p>Process ids are kept in {@code WORKDIR/*.pid} so that another JVM (a later {@code llm-eval cluster
 * stop}) can stop the cluster; logs go to {@code WORKDIR/log/}.
 */
public final class StandaloneCluster {

    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String CLI_MAIN = "org.apache.flink.client.cli.CliFrontend";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final ClusterLayout layout;
    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public StandaloneCluster(ClusterLayout layout, Path workDir) {
        this.layout = layout;
        this.workDir = workDir.toAbsolutePath();
    }

    /** The output of a finished client command. */
    public record ProcessResult(int exitCode, String output) {}

    /** Starts the JobManager and {@code taskManagers} TaskManagers and waits until all have registered. */
    public void start(int taskManagers) throws IOException, InterruptedException {
        if (!runningPids().isEmpty()) {
            throw new IllegalStateException("a cluster is already running from " + workDir + "; stop it first");
        }
        if (restAnswers()) {
            throw new IllegalStateException("port " + layout.restPort() + " is taken: another Flink cluster is running");
        }
        Files.createDirectories(workDir.resolve("log"));
        launch("jobmanager", JOB_MANAGER_MAIN, "GET_JM_RESOURCE_PARAMS");
        for (int i = 0; i < taskManagers; i++) {
            addTaskManager();
        }
        awaitTaskManagers(taskManagers);
    }

    /** Starts one more TaskManager (a replacement after a failure, or more capacity). */
    public int addTaskManager() throws IOException, InterruptedException {
        // Numbered by every TaskManager ever started here (their logs stay), not by the live ones: a
        // replacement must not reuse a running TaskManager's name and overwrite its PID file.
        int index;
        try (Stream<Path> logs = Files.list(workDir.resolve("log"))) {
            index = (int) logs.filter(p -> p.getFileName().toString().matches("taskmanager-\\d+\\.out")).count();
        }
        launch("taskmanager-" + index, TASK_MANAGER_MAIN, "GET_TM_RESOURCE_PARAMS");
        return index;
    }

    /** Kills a TaskManager the hard way ({@code kill -9}), as a crashed machine would. */
    public void killTaskManager(int index) throws IOException {
        Path pidFile = workDir.resolve("taskmanager-" + index + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Files.delete(pidFile);
    }

    /** Runs {@code flink run} ({@code CliFrontend}) with the job jar and the llm-eval arguments; waits for it. */
    public ProcessResult submit(Path jobJar, int parallelism, List<String> llmEvalArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(layout.java().toString(),
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dlog4j.configurationFile=" + layout.confDir().resolve("log4j-cli.properties"),
                "-cp", layout.classpath(), CLI_MAIN, "run", "-p", Integer.toString(parallelism),
                "-c", "io.llmeval.jobs.cli.LlmEvalJobs", jobJar.toAbsolutePath().toString()));
        command.addAll(llmEvalArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FLINK_CONF_DIR", layout.confDir().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        return new ProcessResult(process.waitFor(), output);
    }

    /** Stops every process of the cluster: SIGTERM, then SIGKILL after a grace period. */
    public void stop() throws IOException {
        List<ProcessHandle> processes = runningPids().stream().map(ProcessHandle::of)
                .flatMap(Optional::stream).toList();
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = pidFiles()) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Live TaskManager processes of this cluster, found by their log file under this work dir (which comes
     * before the classpath on the command line, so it is within what the OS shows of it).
     */
    public long liveTaskManagerProcesses() {
        String marker = "-Dlog.file=" + workDir.resolve("log").resolve("taskmanager-");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .count();
    }

    /** Number of TaskManagers registered with the JobManager, from its REST API; -1 when it does not answer. */
    public int registeredTaskManagers() throws InterruptedException {
        Optional<String> overview = rest("/overview");
        if (overview.isEmpty()) {
            return -1;
        }
        Matcher m = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)").matcher(overview.get());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** A REST call to the JobManager ({@code /jobs/overview}, ...), or empty when it does not answer. */
    public Optional<String> rest(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + layout.restPort() + path))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path workDir() {
        return workDir;
    }

    private boolean restAnswers() throws InterruptedException {
        return rest("/overview").isPresent();
    }

    private void awaitTaskManagers(int expected) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (registeredTaskManagers() >= expected) {
                return;
            }
            if (runningPids().size() < expected + 1) {
                throw new IllegalStateException("a cluster process exited during start-up; see " + workDir.resolve("log"));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the cluster did not register " + expected + " TaskManagers within "
                + START_TIMEOUT.toSeconds() + " s; see " + workDir.resolve("log"));
    }

    /** Starts one cluster process with the JVM flags and dynamic options Flink computes for it. */
    private void launch(String name, String mainClass, String resourceCommand) throws IOException, InterruptedException {
        List<String> params = bashJavaUtils(resourceCommand);
        List<String> command = new ArrayList<>();
        command.add(layout.java().toString());
        command.addAll(Arrays.asList(params.get(0).trim().split("\\s+")));
        command.add("-Dlog.file=" + workDir.resolve("log").resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + layout.confDir().resolve("log4j.properties"));
        command.addAll(List.of("-cp", layout.classpath(), mainClass, "--configDir", layout.confDir().toString()));
        // Line 2 holds "-D key=value" pairs, which belong after --configDir.
        command.addAll(Arrays.asList(params.get(1).trim().split("\\s+")));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("log").resolve(name + ".out").toFile())
                .start();
        Files.writeString(workDir.resolve(name + ".pid"), Long.toString(process.pid()));
    }

    private List<String> bashJavaUtils(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(layout.java().toString(), "-cp", layout.classpath(), BASH_JAVA_UTILS,
                command, "--configDir", layout.confDir().toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("Flink could not compute the memory settings from "
                    + layout.confDir().resolve("config.yaml") + ": " + output.lines().filter(l -> l.contains("Exception"))
                    .findFirst().orElse(output));
        }
        List<String> results = output.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length())).toList();
        if (results.size() < 2) {
            throw new IllegalStateException("unexpected output of " + BASH_JAVA_UTILS + ": " + output);
        }
        return results.subList(results.size() - 2, results.size());
    }

    private Stream<Path> pidFiles() throws IOException {
        if (!Files.isDirectory(workDir)) {
            return Stream.empty();
        }
        return Files.list(workDir).filter(p -> p.getFileName().toString().endsWith(".pid"));
    }

    private List<Long> runningPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = pidFiles()) {
            for (Path file : files.toList()) {
                long pid = Long.parseLong(Files.readString(file).trim());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    pids.add(pid);
                }
            }
        }
        return pids;
    }
}
