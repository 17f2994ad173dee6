package io.llmeval.jobs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.metrics.DriftGaugeSink;
import io.llmeval.jobs.metrics.WindowGauges;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The deployment files of the repository (docker/, flink-conf/) and the metric names they rely on, for
 * {@link DeploymentFilesTest} and {@code PrometheusAlertIT}.
 *
 * <pre>{@code
 * Set<String> used = DeploymentFiles.metricsUsedByDashboardAndRules();
 * Set<String> missing = DeploymentFiles.notExported(used);   // empty
 * }</pre>
 */
public final class DeploymentFiles {

    /** The repository root (tests run in {@code jobs/}). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    public static final Path DOCKER = ROOT.resolve("docker");
    public static final Path RULES = DOCKER.resolve("prometheus/rules/llm-eval.yml");
    public static final Path DASHBOARD = DOCKER.resolve("grafana/dashboards/llm-eval.json");

    /** Prometheus names of the window gauges: Flink's scope of an operator metric plus the model/route groups. */
    public static final String GAUGE_PREFIX = "flink_taskmanager_job_task_operator_model_route_";
    /** Prometheus names of the operators' counters in the {@code llm_eval} group. */
    public static final String COUNTER_PREFIX = "flink_taskmanager_job_task_operator_";

    /**
     * Gauges only a job with a drift reference ({@code --reference}) exports: a scrape of a job without one lacks
     * them. {@code DriftGaugeExportTest} scrapes them from a job with a reference.
     */
    public static final Set<String> ONLY_WITH_DRIFT_REFERENCE = driftGaugeNames();

    private static Set<String> driftGaugeNames() {
        Set<String> names = new TreeSet<>();
        DriftGaugeSink.gaugeNames().forEach(gauge -> names.add(GAUGE_PREFIX + WindowGauges.PREFIX + gauge));
        return names;
    }

    private static final Pattern METRIC_NAME = Pattern.compile("\\bflink_[a-z0-9_]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeploymentFiles() {}

    /** A YAML file as a tree; anchors, aliases and merge keys ({@code <<: *flink}) resolved, as Docker Compose does. */
    public static JsonNode yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return JSON.valueToTree(new Yaml().load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT.relativize(file), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot parse " + ROOT.relativize(file), e);
        }
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + ROOT.relativize(file), e);
        }
    }

    /** Every PromQL expression of the dashboard's panels. */
    public static List<String> dashboardQueries() {
        List<String> queries = new ArrayList<>();
        json(DASHBOARD).findValues("expr").forEach(expr -> queries.add(expr.asText()));
        json(DASHBOARD).path("templating").path("list").forEach(variable ->
                queries.add(variable.path("query").path("query").asText(variable.path("query").asText())));
        return queries;
    }

    /** Every PromQL expression and annotation of the alert rules (annotations name metrics to query too). */
    public static List<String> ruleTexts() {
        List<String> texts = new ArrayList<>();
        yaml(RULES).path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            texts.add(rule.path("expr").asText());
            rule.path("annotations").forEach(annotation -> texts.add(annotation.asText()));
        }));
        return texts;
    }

    /** The flink_* metric names the dashboard and the rules use. */
    public static Set<String> metricsUsedByDashboardAndRules() {
        Set<String> names = new TreeSet<>();
        Stream.concat(dashboardQueries().stream(), ruleTexts().stream()).forEach(text -> {
            Matcher m = METRIC_NAME.matcher(text);
            while (m.find()) {
                names.add(m.group());
            }
        });
        return names;
    }

    /** The names of {@code used} that the job does not export (see {@link #exportedMetrics()}). */
    public static Set<String> notExported(Set<String> used) {
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exportedMetrics());
        return missing;
    }

    /**
     * What the job exports: the gauges of {@link WindowGauges} (read from its table, so a new gauge is
     * known here at once) and the counters the pipeline's operators register in their {@code llm_eval}
     * group (found in their sources: counters have no table to read).
     */
    public static Set<String> exportedMetrics() {
        Set<String> names = new TreeSet<>();
        windowGaugeNames().forEach(gauge -> names.add(GAUGE_PREFIX + WindowGauges.PREFIX + gauge));
        names.addAll(ONLY_WITH_DRIFT_REFERENCE);
        names.addAll(counterNames());
        return names;
    }

    static Set<String> windowGaugeNames() {
        return new TreeSet<>(WindowGauges.gaugeNames());
    }

    /**
     * Counters registered as {@code ...addGroup("llm_eval")...counter("name")}: Prometheus names them
     * {@code flink_taskmanager_job_task_operator_llm_eval_<name>}, and a key/value group in between,
     * {@code .addGroup("reason", reason)}, adds its key: {@code ..._llm_eval_reason_<name>}.
     */
    static Set<String> counterNames() {
        Pattern counter = Pattern.compile("\\.counter\\(\"(\\w+)\"\\)");
        Pattern keyGroup = Pattern.compile("\\.addGroup\\(\"(\\w+)\",[^)]*\\)\\s*$");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(ROOT.resolve("jobs/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                if (!code.contains("addGroup(\"llm_eval\")")) {
                    continue;
                }
                Matcher m = counter.matcher(code);
                while (m.find()) {
                    String before = code.substring(Math.max(0, m.start() - 200), m.start());
                    Matcher group = keyGroup.matcher(before);
                    names.add(COUNTER_PREFIX + "llm_eval_" + (group.find() ? group.group(1) + "_" : "") + m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
