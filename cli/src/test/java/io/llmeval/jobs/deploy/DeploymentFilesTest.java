package io.llmeval.jobs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.util.ConfigurationParserUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.llmeval.jobs.deploy.DeploymentFiles.DOCKER;
import static io.llmeval.jobs.deploy.DeploymentFiles.ROOT;
import static io.llmeval.jobs.deploy.DeploymentFiles.json;
import static io.llmeval.jobs.deploy.DeploymentFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker/, flink-conf/config-gpu.yaml and the alert rules, checked without Docker: every file parses, every
 * file they reference exists, ports agree with flink-conf/config.yaml, the image's Flink configuration is
 * what Flink's own config tool makes of the Dockerfile's and entrypoint's steps (with and without GPU), and
 * every metric the dashboard and the rules name is one the job exports. With promtool/amtool installed,
 * also `promtool check config|rules`, `promtool test rules` and `amtool check-config`.
 */
class DeploymentFilesTest {

    private static final Path COMPOSE = DOCKER.resolve("docker-compose.yml");
    private static final Path COMPOSE_GPU = DOCKER.resolve("docker-compose.gpu.yml");
    private static final Path DOCKERFILE = DOCKER.resolve("Dockerfile");
    private static final Path ENTRYPOINT = DOCKER.resolve("llm-eval-entrypoint.sh");
    private static final Path PROMETHEUS = DOCKER.resolve("prometheus/prometheus.yml");
    private static final Path K8S = DOCKER.resolve("k8s/flink-deployment.yaml");
    private static final Path FLINK_CONF = ROOT.resolve("flink-conf");
    private static final String GPU = "external-resource.gpu.";

    @Test
    void everyYamlAndJsonFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Stream.of(DOCKER, FLINK_CONF, ROOT.resolve("notebooks")).flatMap(DeploymentFilesTest::walk)) {
            files = walk.filter(p -> p.toString().matches(".*\\.(ya?ml|json|ipynb)$")).toList();
        }
        assertThat(files).extracting(p -> ROOT.relativize(p).toString()).contains(
                "docker/docker-compose.yml", "docker/docker-compose.gpu.yml", "docker/prometheus/prometheus.yml",
                "docker/prometheus/rules/llm-eval.yml", "docker/prometheus/rules/llm-eval.test.yml",
                "docker/alertmanager/alertmanager.yml", "docker/grafana/dashboards/llm-eval.json",
                "docker/grafana/provisioning/datasources/prometheus.yml",
                "docker/grafana/provisioning/dashboards/llm-eval.yml", "docker/k8s/flink-deployment.yaml",
                "flink-conf/config-gpu.yaml", "notebooks/backfill-analysis.ipynb");
        for (Path file : files) {
            JsonNode tree = file.toString().endsWith(".json") || file.toString().endsWith(".ipynb") ? json(file) : yaml(file);
            // flink-conf/prices.yaml is the one list: a price table (PriceTableTest parses it entry by entry).
            boolean priceTable = file.getFileName().toString().equals("prices.yaml");
            assertThat(priceTable ? tree.isArray() : tree.isObject())
                    .as("%s is a %s", ROOT.relativize(file), priceTable ? "list" : "map").isTrue();
        }
    }

    @Test
    void composeAndDockerfileReferenceExistingFiles() throws IOException {
        JsonNode services = yaml(COMPOSE).path("services");
        assertThat(services.fieldNames()).toIterable().contains(
                "kafka", "jobmanager", "taskmanager", "prometheus", "alertmanager", "grafana");
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            JsonNode build = service.getValue().path("build");
            if (!build.isMissingNode()) {
                Path context = DOCKER.resolve(build.path("context").asText()).normalize();
                assertThat(context).isEqualTo(ROOT);
                assertThat(context.resolve(build.path("dockerfile").asText())).isEqualTo(DOCKERFILE);
            }
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DOCKER.resolve(source)).as("volume of %s", service.getKey()).exists();
                }
            }
        }
        assertThat(yaml(COMPOSE_GPU).path("services").path("taskmanager").path("deploy").path("resources")
                .path("reservations").path("devices").get(0).path("driver").asText()).isEqualTo("nvidia");

        // COPY sources, relative to the build context (the repository root). The jars exist after `mvn package`:
        // check they are the shaded job jar of jobs/pom.xml and the command line's thin jar of cli/pom.xml.
        String version = matchOne(Files.readString(ROOT.resolve("jobs/pom.xml")), "<parent>.*?<version>([^<]+)</version>");
        for (String source : dockerfileCopySources()) {
            if (source.startsWith("jobs/target/")) {
                assertThat(source).isEqualTo("jobs/target/llm-eval-jobs-" + version + "-job.jar");
            } else if (source.startsWith("cli/target/")) {
                assertThat(source).isEqualTo("cli/target/llm-eval-cli-" + version + ".jar");
            } else {
                assertThat(ROOT.resolve(source)).as("COPY %s", source).exists();
            }
        }
        assertThat(Files.isExecutable(ENTRYPOINT)).as("%s is executable", ENTRYPOINT).isTrue();

        // Prometheus: its files are mounted from docker/prometheus at /etc/prometheus.
        assertThat(services.path("prometheus").path("volumes").toString()).contains("./prometheus:/etc/prometheus");
        for (JsonNode ruleFile : yaml(PROMETHEUS).path("rule_files")) {
            assertThat(ruleFile.asText()).startsWith("/etc/prometheus/");
            assertThat(DOCKER.resolve("prometheus").resolve(ruleFile.asText().substring("/etc/prometheus/".length()))).exists();
        }
        assertThat(yaml(PROMETHEUS).path("alerting").path("alertmanagers").get(0).path("static_configs").get(0)
                .path("targets").get(0).asText()).isEqualTo("alertmanager:9093");
        assertThat(services.path("alertmanager").path("ports").toString()).contains("9093:9093");

        // Grafana: provisioned datasource (uid used by every panel) and dashboard folder.
        JsonNode datasource = yaml(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml")).path("datasources").get(0);
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        Set<String> uids = json(DeploymentFiles.DASHBOARD).findValues("datasource").stream()
                .map(ds -> ds.path("uid").asText()).collect(Collectors.toSet());
        assertThat(uids).containsExactly(datasource.path("uid").asText());
        String dashboardsPath = yaml(DOCKER.resolve("grafana/provisioning/dashboards/llm-eval.yml"))
                .path("providers").get(0).path("options").path("path").asText();
        assertThat(services.path("grafana").path("volumes").toString()).contains("./grafana/dashboards:" + dashboardsPath);
        assertThat(services.path("grafana").path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText())
                .isEqualTo(dashboardsPath + "/" + DeploymentFiles.DASHBOARD.getFileName());
    }

    @Test
    void portsMatchFlinkConf() throws IOException {
        Configuration conf = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());
        String reporterPorts = conf.toMap().get("metrics.reporter.prom.port");
        assertThat(reporterPorts).isEqualTo("9249-9259");
        int low = Integer.parseInt(reporterPorts.split("-")[0]);
        int high = Integer.parseInt(reporterPorts.split("-")[1]);
        String restPort = conf.toMap().get("rest.port");
        assertThat(restPort).isEqualTo("8081");

        // Every Flink scrape target of prometheus.yml is on a port of the reporter's range.
        List<Integer> scrapePorts = new ArrayList<>();
        for (JsonNode job : yaml(PROMETHEUS).path("scrape_configs")) {
            if (!job.path("job_name").asText().startsWith("flink")) {
                continue;
            }
            job.path("static_configs").forEach(sc -> sc.path("targets").forEach(t ->
                    scrapePorts.add(Integer.parseInt(t.asText().substring(t.asText().lastIndexOf(':') + 1)))));
            job.path("dns_sd_configs").forEach(sd -> scrapePorts.add(sd.path("port").asInt()));
        }
        assertThat(scrapePorts).isNotEmpty().allSatisfy(port -> assertThat(port).isBetween(low, high));

        // The Flink web UI / REST port is published as configured; the image exposes it and the reporter's first port.
        assertThat(yaml(COMPOSE).path("services").path("jobmanager").path("ports").toString()).contains(restPort + ":" + restPort);
        assertThat(Files.readString(DOCKERFILE)).containsPattern("(?m)^EXPOSE .*\\b" + restPort + "\\b.*\\b" + low + "\\b");

        // Kubernetes: the same reporter range, a metrics containerPort in it.
        JsonNode k8s = yaml(K8S).path("spec");
        assertThat(k8s.path("flinkConfiguration").path("metrics.reporter.prom.port").asText()).isEqualTo(reporterPorts);
        assertThat(k8s.path("flinkConfiguration").path("metrics.reporter.prom.filterLabelValueCharacters").asText()).isEqualTo("false");
        int containerPort = k8s.path("podTemplate").path("spec").path("containers").get(0).path("ports").get(0)
                .path("containerPort").asInt();
        assertThat(containerPort).isBetween(low, high);
    }

    @Test
    void gpuResourceIsAnOverlayKeptInStepWithConfigYamlAndKubernetes() throws IOException {
        Map<String, String> overlay = flatYaml(FLINK_CONF.resolve("config-gpu.yaml"));
        assertThat(overlay).containsEntry("external-resources", "gpu")
                .containsEntry(GPU + "driver-factory.class", "org.apache.flink.externalresource.gpu.GPUDriverFactory")
                .containsEntry(GPU + "amount", "1")
                .containsEntry(GPU + "param.discovery-script.path", "plugins/external-resource-gpu/nvidia-gpu-discovery.sh");

        // The active config.yaml must not ask for a GPU (llm-eval cluster start, the cluster ITs run it on CPUs)...
        Configuration active = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());
        assertThat(active.toMap()).doesNotContainKey("external-resources").noneSatisfy((key, value) ->
                assertThat(key).startsWith(GPU));
        // ...its commented GPU block states exactly the overlay...
        Map<String, String> commented = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^# (external-resources?[\\w.-]*): (.+)$").matcher(Files.readString(FLINK_CONF.resolve("config.yaml")));
        while (m.find()) {
            commented.put(m.group(1), m.group(2).trim());
        }
        assertThat(commented).isEqualTo(overlay);
        // ...and so does the Kubernetes deployment, but for coordination mode (one TaskManager per pod).
        Map<String, String> k8s = new TreeMap<>();
        iterable(yaml(K8S).path("spec").path("flinkConfiguration")).forEach(e -> k8s.put(e.getKey(), e.getValue().asText()));
        Map<String, String> expected = new TreeMap<>(overlay);
        expected.remove(GPU + "param.discovery-script.args");
        assertThat(k8s).containsAllEntriesOf(expected);
    }

    /**
     * Replays how a container's conf/config.yaml comes about: the Dockerfile's config-parser-utils.sh step
     * at build time, then at start-up docker/llm-eval-entrypoint.sh and the flink image's entrypoint
     * (JOB_MANAGER_RPC_ADDRESS, TASK_MANAGER_NUMBER_OF_TASK_SLOTS and FLINK_PROPERTIES, as in
     * docker-compose.yml, become -D options of the same tool), each through Flink's own code.
     */
    @Test
    void imageConfigurationEnablesTheGpuOnlyOnGpuTaskManagers(@TempDir Path work) throws Exception {
        Configuration cpu = taskManagerConfiguration(work.resolve("cpu"), Map.of());
        Configuration gpu = taskManagerConfiguration(work.resolve("gpu"),
                Map.of("LLM_EVAL_GPU", yaml(COMPOSE_GPU).path("services").path("taskmanager").path("environment")
                        .path("LLM_EVAL_GPU").asText()));

        for (Configuration conf : List.of(cpu, gpu)) {
            Map<String, String> map = conf.toMap();
            assertThat(map).containsEntry("rest.bind-address", "0.0.0.0")
                    .containsEntry("rest.address", "0.0.0.0")
                    .containsEntry("jobmanager.bind-host", "0.0.0.0")
                    .containsEntry("taskmanager.bind-host", "0.0.0.0")
                    .doesNotContainKey("taskmanager.host")
                    .containsEntry("jobmanager.rpc.address", "jobmanager")
                    .containsEntry("taskmanager.numberOfTaskSlots", "3")
                    .containsEntry("taskmanager.memory.process.size", "3072m")
                    .containsEntry("execution.checkpointing.dir", "file:///data/checkpoints")
                    .containsEntry("metrics.reporter.prom.port", "9249-9259")
                    .containsEntry("metrics.reporter.prom.filterLabelValueCharacters", "false")
                    .containsEntry("llm-eval.window.size", "1 min");
        }
        assertThat(cpu.toMap()).doesNotContainKey("external-resources");
        assertThat(gpu.toMap()).containsEntry("external-resources", "gpu")
                .containsAllEntriesOf(flatYaml(FLINK_CONF.resolve("config-gpu.yaml")));
    }

    @Test
    void everyMetricOfTheDashboardAndTheRulesIsExported() {
        Set<String> used = DeploymentFiles.metricsUsedByDashboardAndRules();
        assertThat(DeploymentFiles.counterNames()).as("counters found in the sources").contains(
                DeploymentFiles.COUNTER_PREFIX + "llm_eval_records_in",
                DeploymentFiles.COUNTER_PREFIX + "llm_eval_records_dead_lettered",
                DeploymentFiles.COUNTER_PREFIX + "llm_eval_records_late",
                DeploymentFiles.COUNTER_PREFIX + "llm_eval_reason_dead_letters");
        assertThat(used).contains(
                DeploymentFiles.GAUGE_PREFIX + "llm_eval_latency_p95_ms",
                DeploymentFiles.GAUGE_PREFIX + "llm_eval_hallucination_rate",
                DeploymentFiles.GAUGE_PREFIX + "llm_eval_error_rate");
        assertThat(used).contains(DeploymentFiles.GAUGE_PREFIX + "llm_eval_drift_score",
                DeploymentFiles.GAUGE_PREFIX + "llm_eval_drift_detected");
        assertThat(DeploymentFiles.notExported(used)).isEmpty();
    }

    @Test
    void alertRulesCarrySeverityAndDescribeTheirKey() {
        Map<String, JsonNode> alerts = new TreeMap<>();
        yaml(DeploymentFiles.RULES).path("groups").forEach(g -> g.path("rules").forEach(r -> alerts.put(r.path("alert").asText(), r)));
        assertThat(alerts).containsOnlyKeys("HallucinationSpike", "LatencyP95High", "ErrorRateHigh", "DeadLettersIncreasing",
                "DriftDetected");
        alerts.forEach((name, rule) -> {
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("warning", "critical");
            assertThat(rule.path("annotations").path("description").asText()).as(name).contains("{{ $value");
        });
        for (String windowRule : List.of("HallucinationSpike", "LatencyP95High", "ErrorRateHigh")) {
            JsonNode rule = alerts.get(windowRule);
            assertThat(rule.path("annotations").path("summary").asText()).contains("{{ $labels.model }}/{{ $labels.route }}");
            assertThat(rule.path("expr").asText()).contains("window_end_seconds[90s]").contains("by (job_name, model, route)");
        }
        assertThat(alerts.get("DriftDetected").path("expr").asText())
                .contains("drift_window_end_seconds[390s]").contains("by (job_name, model, route)");
    }

    @Test
    void promtoolChecksConfigAndRulesAndRunsTheRuleUnitTests(@TempDir Path work) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")),
                "promtool not installed (Debian: apt-get install -y prometheus): promtool checks skipped");
        Path rules = DeploymentFiles.RULES.getParent();
        assertThat(run(rules, "/usr/bin/promtool", "check", "rules", "llm-eval.yml")).contains("SUCCESS: 5 rules found");
        assertThat(run(rules, "/usr/bin/promtool", "test", "rules", "llm-eval.test.yml")).contains("SUCCESS");
        // prometheus.yml names its files as mounted in the container; check it against the repository's.
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, Files.readString(PROMETHEUS).replace("/etc/prometheus/", DOCKER.resolve("prometheus") + "/"));
        assertThat(run(work, "/usr/bin/promtool", "check", "config", config.toString())).contains("is valid prometheus config file syntax");
    }

    @Test
    void amtoolChecksTheAlertmanagerConfig() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/amtool")),
                "amtool not installed (Debian: apt-get install -y prometheus-alertmanager): check skipped");
        assertThat(run(DOCKER.resolve("alertmanager"), "/usr/bin/amtool", "check-config", "alertmanager.yml")).contains("SUCCESS");
    }

    // ---------------------------------------------------------------------------------------------------

    private Configuration taskManagerConfiguration(Path flinkHome, Map<String, String> extraEnv) throws Exception {
        Path confDir = Files.createDirectories(flinkHome.resolve("conf"));
        Files.copy(FLINK_CONF.resolve("config.yaml"), confDir.resolve("config.yaml"));
        Files.copy(FLINK_CONF.resolve("config-gpu.yaml"), confDir.resolve("config-gpu.yaml"));

        // Build time: the Dockerfile's `config-parser-utils.sh CONF BIN LIB <args>`.
        rewriteConfig(confDir, dockerfileConfigArguments());

        // Start-up: our entrypoint hands FLINK_PROPERTIES on to the flink image's entrypoint (here a stub
        // that prints them), which turns them into -D options of the same tool.
        JsonNode taskManager = yaml(COMPOSE).path("services").path("taskmanager");
        Map<String, String> env = new LinkedHashMap<>();
        iterable(taskManager.path("environment")).forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        env.putAll(extraEnv);
        Path stub = flinkHome.resolve("docker-entrypoint.sh");
        Files.writeString(stub, "#!/usr/bin/env bash\nprintf '%s' \"${FLINK_PROPERTIES:-}\"\n");
        stub.toFile().setExecutable(true);
        ProcessBuilder entrypoint = new ProcessBuilder("bash", ENTRYPOINT.toString(), "taskmanager").redirectErrorStream(false);
        entrypoint.environment().putAll(env);
        entrypoint.environment().put("FLINK_HOME", flinkHome.toString());
        entrypoint.environment().put("FLINK_ENTRYPOINT", stub.toString());
        Process process = entrypoint.start();
        String flinkProperties = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        List<String> options = new ArrayList<>();
        options.add("-Djobmanager.rpc.address=" + env.get("JOB_MANAGER_RPC_ADDRESS"));
        options.add("-Dblob.server.port=6124");
        options.add("-Dquery.server.port=6125");
        if (env.containsKey("TASK_MANAGER_NUMBER_OF_TASK_SLOTS")) {
            options.add("-Dtaskmanager.numberOfTaskSlots=" + env.get("TASK_MANAGER_NUMBER_OF_TASK_SLOTS"));
        }
        for (String line : flinkProperties.split("\n")) {
            String property = line.strip();
            if (!property.isEmpty()) {
                int colon = property.indexOf(':');
                options.add("-D" + property.substring(0, colon).strip() + "=" + property.substring(colon + 1).strip());
            }
        }
        rewriteConfig(confDir, options);
        return GlobalConfiguration.loadConfiguration(confDir.toString());
    }

    /** What bin/config-parser-utils.sh does: Flink's config tool, its output written over config.yaml. */
    private static void rewriteConfig(Path confDir, List<String> arguments) throws Exception {
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(arguments);
        List<String> lines = ConfigurationParserUtils.loadAndModifyConfiguration(args.toArray(String[]::new), "test");
        Files.write(confDir.resolve("config.yaml"), lines);
    }

    /** The arguments after the three directories of the Dockerfile's config-parser-utils.sh step. */
    private static List<String> dockerfileConfigArguments() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE).replace("\\\n", " ");
        String step = matchOne(dockerfile, "config-parser-utils\\.sh ([^&\\n]+)");
        List<String> tokens = Arrays.stream(step.trim().split("\\s+")).toList();
        assertThat(tokens.subList(0, 3)).containsExactly("/opt/flink/conf", "/opt/flink/bin", "/opt/flink/lib");
        return tokens.subList(3, tokens.size());
    }

    private static List<String> dockerfileCopySources() throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readString(DOCKERFILE).lines().toList()) {
            if (line.startsWith("COPY ")) {
                List<String> words = Arrays.stream(line.split("\\s+")).filter(w -> !w.startsWith("--")).toList();
                sources.addAll(words.subList(1, words.size() - 1));
            }
        }
        assertThat(sources).isNotEmpty();
        return sources;
    }

    /** A flat `key: value` YAML file (config-gpu.yaml) as strings. */
    private static Map<String, String> flatYaml(Path file) {
        Map<String, String> map = new LinkedHashMap<>();
        iterable(yaml(file)).forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    private static String matchOne(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("/%s/ in the file", regex).isTrue();
        return m.group(1);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
