package io.llmeval.cli.kafka;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.cli.CliRun;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The broker fixture and {@code llm-eval kafka start|stop}: a real broker, started and stopped by PID. */
class KafkaBrokerTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void cliStartsABrokerThatServesAndStopsItByPid(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path home = dir.resolve("kafka");
        try {
            CliRun start = run("kafka", "start", "--port", Integer.toString(port), "--dir", home.toString());

            assertThat(start.exitCode()).as(start.err()).isZero();
            assertThat(start.out().strip()).isEqualTo("127.0.0.1:" + port);
            long pid = Long.parseLong(Files.readString(home.resolve(KafkaBroker.PID_FILE)).strip());
            assertThat(ProcessHandle.of(pid)).get().matches(ProcessHandle::isAlive);
            assertThat(home.resolve(KafkaBroker.LOG_FILE)).content().contains("Kafka Server started");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
            }

            // The port is taken, and this directory already has a running broker: one line each, nothing started.
            CliRun portTaken = run("kafka", "start", "--port", Integer.toString(port), "--dir", dir.resolve("other").toString());
            CliRun dirTaken = run("kafka", "start", "--port", Integer.toString(freePort()), "--dir", home.toString());
            assertThat(portTaken.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(portTaken.err().strip()).isEqualTo("llm-eval: port " + port + " on 127.0.0.1 is already in use");
            assertThat(dirTaken.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(dirTaken.err().strip()).startsWith("llm-eval: a Kafka broker is already running from ")
                    .contains("(pid " + pid + ")").doesNotContain("\n");

            CliRun stop = run("kafka", "stop", "--dir", home.toString());

            assertThat(stop.exitCode()).as(stop.err()).isZero();
            assertThat(stop.err()).contains("stopped broker (pid " + pid + ")");
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(home.resolve(KafkaBroker.PID_FILE)).doesNotExist();
            assertThat(freePort(port)).as("port released").isTrue();
            assertThat(run("kafka", "stop", "--dir", home.toString()).err()).contains("no broker running from");
        } finally {
            KafkaBroker.stop(home, Duration.ofSeconds(5));
        }
    }

    @Test
    void builderRejectsUnusableSettingsBeforeStartingAnything(@TempDir Path dir) {
        assertThatThrownBy(() -> KafkaBroker.builder().port(9092).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the broker directory is required");
        assertThatThrownBy(() -> KafkaBroker.builder().port(70_000).dir(dir).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be in 0..65535, got 70000");
        assertThat(run("kafka", "start", "--port", "0", "--dir", dir.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void stalePidFileIsNotARunningBroker(@TempDir Path dir) throws IOException {
        // A PID that is surely not a Kafka broker: this test JVM's own.
        Files.writeString(dir.resolve(KafkaBroker.PID_FILE), ProcessHandle.current().pid() + "\n");

        assertThat(KafkaBroker.runningBroker(dir)).isEqualTo(Optional.empty());
        assertThat(KafkaBroker.stop(dir, Duration.ofSeconds(1))).isEmpty();
        assertThat(dir.resolve(KafkaBroker.PID_FILE)).doesNotExist();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean freePort(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
