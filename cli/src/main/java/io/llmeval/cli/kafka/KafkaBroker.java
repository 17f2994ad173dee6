package io.llmeval.cli.kafka;

import io.llmeval.jobs.kafka.KafkaSinkSettings;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) on 127.0.0.1,
 * run as a child JVM from the jars that {@code tools/kafka-broker} resolves (see {@link BrokerClasspath}),
 * so the broker's Scala and server jars never share a classpath with Flink. For tests and local use.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.builder().port(0).dir(Path.of("/tmp/kafka")).start()) {
 *     String bootstrap = broker.bootstrapServers(); // 127.0.0.1:<port>
 *     ...
 * } // stopped by PID: SIGTERM, then killed after the stop timeout
 * }</pre>
 *
 * <p>Everything lives in {@code dir}: {@value #CONFIG_FILE}, {@value #LOG_FILE} (the broker's output),
 * {@value #PID_FILE} and the log segments in {@value #DATA_DIR}/ (formatted on first start, kept across
 * restarts unless {@link Builder#freshData(boolean)}). Replication factors are 1, transactions are enabled
 * ({@code transaction.max.timeout.ms} = {@value #TRANSACTION_MAX_TIMEOUT_MS}) and topics are created on first use.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String PID_FILE = "kafka.pid";
    public static final String LOG_FILE = "kafka.log";
    public static final String CONFIG_FILE = "server.properties";
    public static final String DATA_DIR = "data";
    public static final int DEFAULT_PORT = 9092;
    /** Kafka's default, set explicitly; sinks must use a smaller {@code transaction.timeout.ms}. */
    public static final long TRANSACTION_MAX_TIMEOUT_MS = KafkaSinkSettings.BROKER_TRANSACTION_MAX_TIMEOUT_MS;
    static final String MAIN_CLASS = "kafka.Kafka";

    private final Path dir;
    private final int port;
    private final ProcessHandle process;
    private final Thread stopOnExit;

    private KafkaBroker(Path dir, int port, ProcessHandle process, Thread stopOnExit) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.stopOnExit = stopOnExit;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a broker on {@code port} (0 for a free one) with its files in {@code dir}; waits until it serves. */
    public static KafkaBroker start(int port, Path dir) throws IOException {
        return builder().port(port).dir(dir).start();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return dir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker: SIGTERM (a clean shutdown), then a kill after {@code timeout}; removes the PID file. */
    public void stop(Duration timeout) {
        terminate(process, timeout);
        deletePidFile(dir, process.pid());
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** {@link #stop(Duration)} with a 30 s grace period. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /**
     * Stops the broker whose PID file is in {@code dir} (one started by {@code llm-eval kafka start}).
     *
     * @return the PID that was stopped, or empty when no broker from {@code dir} was running
     */
    public static OptionalLong stop(Path dir, Duration timeout) throws IOException {
        Optional<ProcessHandle> running = runningBroker(dir);
        if (running.isEmpty()) {
            Files.deleteIfExists(dir.resolve(PID_FILE));
            return OptionalLong.empty();
        }
        terminate(running.get(), timeout);
        deletePidFile(dir, running.get().pid());
        return OptionalLong.of(running.get().pid());
    }

    /** The live broker process recorded in {@code dir}'s PID file, if any. */
    public static Optional<ProcessHandle> runningBroker(Path dir) throws IOException {
        Path pidFile = dir.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Path config = dir.toAbsolutePath().normalize().resolve(CONFIG_FILE);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> runsBroker(handle, config));
    }

    /**
     * Guards against a recycled PID: the command line, where the OS shows it, must be {@code kafka.Kafka}
     * with this directory's config (the broker gets its classpath from the environment, so its command
     * line stays short enough to be shown whole).
     */
    private static boolean runsBroker(ProcessHandle handle, Path config) {
        return handle.info().commandLine().map(line -> line.endsWith(MAIN_CLASS + " " + config)).orElse(true);
    }

    private static void terminate(ProcessHandle handle, Duration timeout) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for Kafka broker " + handle.pid() + " to exit failed", e);
        }
    }

    private static void deletePidFile(Path dir, long pid) {
        Path pidFile = dir.resolve(PID_FILE);
        try {
            if (Files.isRegularFile(pidFile) && Files.readString(pidFile).trim().equals(Long.toString(pid))) {
                Files.delete(pidFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of a broker to start. {@link #dir(Path)} is required. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private Path dir;
        private String heap = "512m";
        private Duration startupTimeout = Duration.ofSeconds(90);
        private boolean freshData;
        private boolean stopOnJvmExit;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {}

        /** Listener port on 127.0.0.1 (default 9092); 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Directory of the broker's config, log, PID file and data. */
        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        /** Maximum heap of the broker JVM (default 512m). */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** How long to wait for the broker to answer a metadata request (default 90 s). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** Delete {@code dir/data} first, so the broker starts empty (default: keep topics from a previous run). */
        public Builder freshData(boolean fresh) {
            this.freshData = fresh;
            return this;
        }

        /** Kill the broker when this JVM exits (tests); off for {@code llm-eval kafka start}, which leaves it running. */
        public Builder stopOnJvmExit(boolean stop) {
            this.stopOnJvmExit = stop;
            return this;
        }

        /** Any broker setting, e.g. {@code property("auto.create.topics.enable", "false")}. */
        public Builder property(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /**
         * Formats the storage if needed, starts the broker JVM and waits until it serves metadata.
         *
         * @throws IllegalArgumentException for an unusable port or missing dir
         * @throws IllegalStateException when the port is taken, a broker already runs from {@code dir}, or it fails to start
         */
        public KafkaBroker start() throws IOException {
            if (dir == null) {
                throw new IllegalArgumentException("the broker directory is required");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            Path home = dir.toAbsolutePath().normalize();
            Files.createDirectories(home);
            Optional<ProcessHandle> running = runningBroker(home);
            if (running.isPresent()) {
                throw new IllegalStateException("a Kafka broker is already running from " + home + " (pid "
                        + running.get().pid() + "); stop it with 'llm-eval kafka stop --dir " + dir + "'");
            }
            int brokerPort = port == 0 ? freePort() : requireFree(port);
            int controllerPort = freePort();
            String classpath = BrokerClasspath.locate();

            Path data = home.resolve(DATA_DIR);
            if (freshData) {
                deleteTree(data);
            }
            Path config = home.resolve(CONFIG_FILE);
            Files.writeString(config, serverProperties(brokerPort, controllerPort, data));
            Path log4j = home.resolve("log4j2.properties");
            Files.writeString(log4j, LOG4J_PROPERTIES);
            Path log = home.resolve(LOG_FILE);
            if (!Files.exists(data.resolve("meta.properties"))) {
                format(classpath, config, log);
            }

            List<String> command = java(log4j);
            command.add(MAIN_CLASS);
            command.add(config.toString());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("CLASSPATH", classpath);
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process.getOutputStream().close();
            Files.writeString(home.resolve(PID_FILE), process.pid() + "\n");
            Thread hook = null;
            if (stopOnJvmExit) {
                hook = new Thread(process::destroyForcibly, "kafka-broker-" + process.pid() + "-stop");
                Runtime.getRuntime().addShutdownHook(hook);
            }
            KafkaBroker broker = new KafkaBroker(home, brokerPort, process.toHandle(), hook);
            try {
                awaitReady(process, broker.bootstrapServers(), log);
            } catch (RuntimeException | IOException e) {
                broker.stop(Duration.ofSeconds(5));
                throw e;
            }
            return broker;
        }

        private String serverProperties(int brokerPort, int controllerPort, Path data) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("log.dirs", data.toString());
            props.put("num.partitions", "1");
            props.put("auto.create.topics.enable", "true");
            // One node: every internal topic with one replica, and few partitions so first use is quick.
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "5");
            props.put("transaction.max.timeout.ms", Long.toString(TRANSACTION_MAX_TIMEOUT_MS));
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.putAll(overrides);
            StringBuilder text = new StringBuilder("# Written by io.llmeval.cli.kafka.KafkaBroker on each start.\n");
            props.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            return text.toString();
        }

        /** The JVM command up to the main class; the classpath goes in the environment (see {@link #runsBroker}). */
        private List<String> java(Path log4j) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            // A test and laptop broker: the serial collector keeps its thread count and footprint small.
            command.add("-XX:+UseSerialGC");
            command.add("-Djava.awt.headless=true");
            command.add("-Dlog4j2.configurationFile=" + log4j.toUri());
            return command;
        }

        /** {@code kafka-storage format}: writes the cluster id and the bootstrap metadata into the log dir. */
        private void format(String classpath, Path config, Path log) throws IOException {
            List<String> command = java(config.resolveSibling("log4j2.properties"));
            command.add(1, "-XX:TieredStopAtLevel=1"); // a short-lived tool: start fast rather than run fast
            command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("CLASSPATH", classpath);
            Process format = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            format.getOutputStream().close();
            try {
                if (!format.waitFor(startupTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    format.destroyForcibly();
                    throw new IllegalStateException("formatting the Kafka log dir timed out; see " + log);
                }
            } catch (InterruptedException e) {
                format.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while formatting the Kafka log dir", e);
            }
            if (format.exitValue() != 0) {
                throw new IllegalStateException("formatting the Kafka log dir failed (exit " + format.exitValue() + "): "
                        + lastLine(log) + " (see " + log + ")");
            }
        }

        private void awaitReady(Process process, String bootstrap, Path log) throws IOException {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            int brokerPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            while (!answers(brokerPort)) {
                checkAlive(process, log);
                checkDeadline(deadline, log);
                sleep(100);
            }
            Map<String, Object> config = Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            try (Admin admin = Admin.create(config)) {
                while (true) {
                    checkAlive(process, log);
                    checkDeadline(deadline, log);
                    try {
                        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                            return;
                        }
                    } catch (ExecutionException | TimeoutException e) {
                        // not serving yet
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                    }
                    sleep(200);
                }
            }
        }

        private static void checkAlive(Process process, Path log) throws IOException {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                        + " while starting: " + lastLine(log) + " (see " + log + ")");
            }
        }

        private void checkDeadline(long deadline, Path log) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka broker did not start within " + startupTimeout.toSeconds()
                        + " s; see " + log);
            }
        }
    }

    private static int requireFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use");
        }
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /** The last ERROR line of the broker's log, else its last line: the reason in one line. */
    private static String lastLine(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "no output";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("ERROR") || lines.get(i).contains("Exception")) {
                return lines.get(i).strip();
            }
        }
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The broker's own logging: warnings, plus the lines that say it started and stopped. */
    private static final String LOG4J_PROPERTIES = """
            # Written by io.llmeval.cli.kafka.KafkaBroker on each start.
            rootLogger.level = WARN
            rootLogger.appenderRef.out.ref = out
            appender.out.type = Console
            appender.out.name = out
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = [%d] %p %m (%c)%n
            logger.server.name = kafka.server.KafkaRaftServer
            logger.server.level = INFO
            logger.storage.name = kafka.tools.StorageTool
            logger.storage.level = INFO
            """;
}
