package io.llmeval.jobs.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.deploy.DeploymentFiles;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules of docker/prometheus/rules/llm-eval.yml in a real Prometheus server against the real job:
 * the streaming job runs in-process (MiniCluster, Prometheus reporter on a free port) over generated traffic
 * with a hallucination spike, replayed at twice real time; {@code /usr/bin/prometheus} scrapes it every
 * second and evaluates the rules every second. The test follows {@code /api/v1/alerts} until
 * {@code HallucinationSpike} has fired for the incident's model/route and resolved again, and fails at once
 * if it ever fires for another key or fires twice. When it fires, a scrape of the job shows every metric the
 * Grafana dashboard and the rules use. Skipped (JUnit assumption) where Prometheus is not installed
 * ({@code apt-get install -y prometheus}). About 4 minutes.
 *
 * <p>Timeline (event time of the generator, 20 records/s; replayed at 40 records/s): spike from 2:00 to
 * 6:00; window [2:00, 3:00) closes when event time reaches 3:30 (30 s out-of-orderness), about 105 s into
 * the run, the following ones every 30 s; the rule fires once its 90 s range holds only spike windows
 * (about 195 s) and resolves when window [6:00, 7:00) closes (about 225 s); traffic ends at 8:00 (240 s).
 */
class PrometheusAlertIT {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    /** 8 minutes of traffic: the spike (2:00-6:00), the first good window after it (6:00-7:00) and its closing. */
    private static final int RECORDS = 9_600;
    private static final double REPLAY_RATE = 40;
    private static final Duration DEADLINE = Duration.ofSeconds(330);
    private static final String JOB_NAME = "llm-eval-alert-it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void prometheusIsInstalled() {
        assumeTrue(Files.isExecutable(PROMETHEUS),
                "PrometheusAlertIT skipped: /usr/bin/prometheus is not installed (Debian: apt-get install -y prometheus)");
    }

    @Test
    void hallucinationSpikeFiresOnceForTheIncidentKeyOnly(@TempDir Path work) throws Exception {
        TrafficGenerator generator = new TrafficGenerator(
                GeneratorConfig.of(RECORDS, 42, EnumSet.of(IncidentType.HALLUCINATION_SPIKE)).withMalformedRate(0.01));
        generator.writeTo(work.resolve("gen"));
        Incident spike = generator.incidents().get(0);
        assertThat(spike.type()).isEqualTo(IncidentType.HALLUCINATION_SPIKE);

        int reporterPort = freePort();
        int prometheusPort = freePort();
        Process prometheus = startPrometheus(work.resolve("prometheus"), reporterPort, prometheusPort);
        JobClient job = startJob(work, reporterPort);
        try {
            String firingSince = null;
            long start = System.nanoTime();
            while (true) {
                long elapsed = (System.nanoTime() - start) / 1_000_000_000;
                assertThat(prometheus.isAlive()).as("prometheus exited:\n%s", tail(work.resolve("prometheus/prometheus.log"))).isTrue();
                JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
                JsonNode alerts = get(prometheusPort, "/api/v1/alerts").path("data").path("alerts");

                JsonNode incidentAlert = null;
                for (JsonNode alert : alerts) {
                    JsonNode labels = alert.path("labels");
                    if (!labels.path("alertname").asText().equals("HallucinationSpike")) {
                        continue;
                    }
                    if (!labels.path("model").asText().equals(spike.model()) || !labels.path("route").asText().equals(spike.route())) {
                        fail("HallucinationSpike for a key without an incident after %d s: %s", elapsed, alert);
                    }
                    incidentAlert = alert;
                }

                if (incidentAlert != null && incidentAlert.path("state").asText().equals("firing")) {
                    String activeAt = incidentAlert.path("activeAt").asText();
                    if (firingSince == null) {
                        firingSince = activeAt;
                        System.out.printf("PrometheusAlertIT: HallucinationSpike firing after %d s: %s%n", elapsed, incidentAlert);
                        assertThat(incidentAlert.path("labels").path("severity").asText()).isEqualTo("critical");
                        assertThat(incidentAlert.path("annotations").path("summary").asText())
                                .isEqualTo("Hallucination spike on " + spike.model() + "/" + spike.route());
                        assertThat(Double.parseDouble(incidentAlert.path("value").asText())).isGreaterThan(0.10);
                        assertScrapeHasEveryMetricOfTheDashboardAndRules(reporterPort);
                    } else {
                        assertThat(activeAt).as("the incident fires once").isEqualTo(firingSince);
                    }
                } else if (firingSince != null) {
                    // Resolved: by the first good window after the spike, not by a gap inside it.
                    double latestWindowEnd = get(prometheusPort, "/api/v1/query?query=" + URLEncoder.encode(
                            "max(flink_taskmanager_job_task_operator_model_route_llm_eval_window_end_seconds{model=\"" + spike.model()
                                    + "\",route=\"" + spike.route() + "\"})", StandardCharsets.UTF_8))
                            .path("data").path("result").get(0).path("value").get(1).asDouble();
                    System.out.printf("PrometheusAlertIT: HallucinationSpike resolved after %d s, latest window ends %s%n",
                            elapsed, java.time.Instant.ofEpochSecond((long) latestWindowEnd));
                    assertThat(latestWindowEnd).as("resolved by the window after the spike")
                            .isGreaterThanOrEqualTo(spike.endMillis() / 1000.0 + 60);
                    return;
                }

                if (status.isGloballyTerminalState() || elapsed > DEADLINE.toSeconds()) {
                    fail("HallucinationSpike %s for %s/%s within %d s (job %s). Alerts: %s%nRates: %s%nWindows: %s",
                            firingSince == null ? "never fired" : "did not resolve", spike.model(), spike.route(), elapsed,
                            status, alerts, query(prometheusPort, "flink_taskmanager_job_task_operator_model_route_llm_eval_hallucination_rate"),
                            query(prometheusPort, "flink_taskmanager_job_task_operator_model_route_llm_eval_window_end_seconds"));
                }
                Thread.sleep(1_000);
            }
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /** The metric names the dashboard and the rules use, against what the running job really serves. */
    private static void assertScrapeHasEveryMetricOfTheDashboardAndRules(int reporterPort) throws Exception {
        String scrape = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + reporterPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Set<String> scraped = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(\\w+)[{ ]").matcher(scrape);
        while (m.find()) {
            scraped.add(m.group(1));
        }
        Set<String> missing = new TreeSet<>(DeploymentFiles.metricsUsedByDashboardAndRules());
        missing.removeAll(scraped);
        assertThat(missing).as("used by the dashboard or the rules but not in the scrape").isSubsetOf(DeploymentFiles.ONLY_WITH_DRIFT_REFERENCE);
        // And the labels the rules aggregate by.
        assertThat(scrape).containsPattern("llm_eval_hallucination_rate\\{[^}]*job_name=\"" + JOB_NAME + "\"");
    }

    private static JobClient startJob(Path work, int reporterPort) throws Exception {
        EvalJobSettings settings = new EvalJobSettings(RuntimeExecutionMode.STREAMING,
                List.of(work.resolve("gen/logs").toString()), work.resolve("out").toString(), null, 1,
                EvalJobSettings.DEFAULT_CHECKPOINT_INTERVAL, new Configuration(), Integer.toString(reporterPort), REPLAY_RATE);
        StreamExecutionEnvironment env = EvalJob.environment(settings);
        EvalJob.define(env, settings);
        return env.executeAsync(JOB_NAME);
    }

    /** Prometheus with the project's rules, scraping the job's reporter every second, data in a temporary directory. */
    private static Process startPrometheus(Path dir, int reporterPort, int port) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + DeploymentFiles.RULES,
                "scrape_configs:",
                "  - job_name: llm-eval",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + reporterPort + "']",
                ""));
        Process process = new ProcessBuilder(PROMETHEUS.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("prometheus exited:\n%s", tail(dir.resolve("prometheus.log"))).isTrue();
            try {
                // Every group of the rules file: llm-eval-windows, llm-eval-drift, llm-eval-input.
                if (get(port, "/api/v1/rules").path("data").path("groups").size() == 3) {
                    return process;
                }
            } catch (IOException notUpYet) {
                // starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("prometheus did not load the rules within 60 s:\n" + tail(dir.resolve("prometheus.log")));
    }

    private static JsonNode get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static String query(int port, String promql) {
        try {
            return get(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data").toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
