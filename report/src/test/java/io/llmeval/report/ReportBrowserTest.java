package io.llmeval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Opens generated reports from disk in headless chromium and checks what a person would look at: no console
 * error, every chart drawn, the summary table's numbers equal to the windows' (computed here from the files, not
 * by the report code), every alert incident listed and shaded, dark mode, keyboard zoom down to full resolution,
 * and a comparison's highlighted differences. Screenshots go to target/report-browser/.
 */
class ReportBrowserTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Path SCREENSHOTS = Path.of("target", "report-browser");

    /** Counts pixels painted on each chart's canvas (the page's background is transparent to them). */
    private static final String CHART_PIXELS = """
            return Array.from(document.querySelectorAll('.chart')).map(function (el) {
              var canvas = el.querySelector('canvas');
              if (!canvas) { return { id: el.id, painted: 0, series: 0 }; }
              var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              var painted = 0, seen = 0;
              for (var i = 3; i < pixels.length; i += 4 * 5) { seen++; if (pixels[i] > 0) { painted++; } }
              var chart = echarts.getInstanceByDom(el);
              var empty = chart.getModel().getSeries().filter(function (s) {
                return s.name.charAt(0) !== '_' && s.getRawData().count() === 0;
              }).map(function (s) { return s.name; });
              return { id: el.id, painted: painted / seen, empty: empty.join(',') };
            });""";

    private static Path writeReport(Path page, String... inputs) {
        List<String> args = new ArrayList<>();
        for (String input : inputs) {
            args.add("--input");
            args.add(input);
        }
        args.add("--output");
        args.add(page.toString());
        StringWriter err = new StringWriter();
        var cli = ReportCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
        return page;
    }

    @Test
    void generatedRunIsDrawnAndMatchesItsFiles(@TempDir Path dir) throws Exception {
        Path page = writeReport(dir.resolve("report.html"), Fixtures.generatedRun().toString());
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1000)) {
            browser.open(page);
            assertChartsDrawnWhenScrolledTo(browser);
            browser.drawEverything();

            assertThat(browser.consoleErrors()).isEmpty();
            assertThat((List<?>) browser.script("return window.llmEvalReport.errors;")).isEmpty();
            assertEveryChartDrawn(browser, 1 + 1 + 6);       // dead letters, overview, six keys
            assertSummaryEqualsWindows(browser, Fixtures.generatedRun());
            assertEveryIncidentVisible(browser, Fixtures.generatedRun());
            assertDeadLettersCounted(browser, Fixtures.generatedRun());
            browser.screenshot(SCREENSHOTS.resolve("generated-run.png"));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void darkColorSchemeIsDrawnToo(@TempDir Path dir) throws Exception {
        Path page = writeReport(dir.resolve("report.html"), Fixtures.smallRun().toString());
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1000)) {
            browser.preferDark();
            browser.open(page);
            browser.drawEverything();

            assertThat(browser.script("return getComputedStyle(document.body).backgroundColor;"))
                    .isEqualTo("rgb(13, 17, 23)");
            assertThat(browser.consoleErrors()).isEmpty();
            assertEveryChartDrawn(browser, 1 + 1 + 2);
            // small-run has cost and stage columns: their panels are drawn as well.
            Number panels = (Number) browser.script("return echarts.getInstanceByDom(document.querySelector("
                    + "'section.key[data-key=\"m1/chat\"] .chart')).getOption().grid.length;");
            assertThat(panels.longValue()).isEqualTo(7);
            assertThat(browser.script("return Array.from(document.querySelectorAll('table.stages tr[data-stage]'))"
                    + ".map(function (tr) { return Array.from(tr.children).map(function (c) { return c.textContent; })"
                    + ".join(';'); }).join('|');"))
                    .isEqualTo("generation;100;800 ms;70.0%|retrieval;300;100 ms;15.0%");
            browser.screenshot(SCREENSHOTS.resolve("small-run-dark.png"));
        }
    }

    @Test
    void keyboardZoomShowsEveryWindowOfTheRangeWhileTheOverviewIsDownsampled(@TempDir Path dir) throws Exception {
        int windows = 20_000;
        Path output = new SyntheticOutput(1, windows).write(dir.resolve("large"));
        Path page = writeReport(dir.resolve("large.html"), output.toString());
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1000)) {
            browser.open(page);
            browser.drawEverything();
            String chart = "echarts.getInstanceByDom(document.querySelector('section.key .chart'))";
            String p95Points = "return " + chart + ".getModel().getSeries().filter(function (s) {"
                    + " return s.name === 'latency p95'; })[0].getData().count();";

            assertThat((Number) browser.script(p95Points)).as("overview: downsampled").satisfies(n ->
                    assertThat(n.intValue()).isLessThan(windows / 4));

            WebElement keyChart = browser.driver().findElement(By.cssSelector("section.key .chart"));
            for (int i = 0; i < 9; i++) {
                keyChart.sendKeys("+");          // each halves the visible range: 2^-9 of 20,000 windows is 39
            }
            keyChart.sendKeys(Keys.ARROW_RIGHT);  // and pans by a quarter of it
            Map<?, ?> zoom = (Map<?, ?>) browser.script("return window.llmEvalReport.groups['run-A'];");
            double span = ((Number) zoom.get("end")).doubleValue() - ((Number) zoom.get("start")).doubleValue();
            assertThat(span).isCloseTo(100 / 512.0, within(1e-6));
            assertThat(((Number) zoom.get("start")).doubleValue()).isGreaterThan(50 - span);

            // The windows of the embedded data inside the axis range now shown, and the points the line draws
            // (the chart takes its new range in the next frames).
            String windowsInRange = "var extent = " + chart + ".getModel().getComponent('xAxis', 0)"
                    + ".axis.scale.getExtent(); var t = JSON.parse(document.getElementById('report-data').textContent)"
                    + ".runs[0].keys[0].windows.window_start;"
                    + " return t.filter(function (v) { return v >= extent[0] && v <= extent[1]; }).length;";
            long visible = windows;
            for (int i = 0; i < 100 && visible > 1000; i++) {
                browser.nextFrames();
                visible = ((Number) browser.script(windowsInRange)).longValue();
            }
            long drawn = ((Number) browser.script(p95Points)).longValue();
            assertThat(visible).isBetween(35L, 45L);
            // Every window of the range, and the one on each side so that the line reaches the axis edges.
            assertThat(drawn).isBetween(visible, visible + 2);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void comparisonHighlightsTheKeyThatGotSlower(@TempDir Path dir) throws Exception {
        Path slower = slowDown(Fixtures.generatedRun(), dir.resolve("slower"), "gpt-4o-mini", "chat", 2.0);
        Path page = writeReport(dir.resolve("cmp.html"), Fixtures.generatedRun().toString(), slower.toString());
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1000)) {
            browser.open(page);
            browser.drawEverything();

            assertThat(browser.consoleErrors()).isEmpty();
            assertEveryChartDrawn(browser, 2 * (1 + 1 + 6));
            List<?> cells = (List<?>) browser.script("""
                    return Array.from(document.querySelectorAll('table.comparison td[data-column="latency_p95_median_ms"]'))
                      .map(function (td) { return td.parentNode.dataset.key + ' ' + td.dataset.verdict + ' '
                        + td.classList.contains('worse') + ' ' + td.textContent; });""");
            assertThat(cells).hasSize(1 + 6);
            assertThat(cells).filteredOn(c -> c.toString().startsWith("gpt-4o-mini/chat "))
                    .singleElement().asString().contains("worse true").contains("▲ worse");
            assertThat(cells).filteredOn(c -> c.toString().startsWith("gpt-4o-mini/rag ")
                    || c.toString().startsWith("mistral")).allSatisfy(c -> assertThat(c.toString()).contains(" same false "));
            // Side by side on one scale: both runs' latency panels of the slowed key end at the same value.
            List<?> maxima = (List<?>) browser.script("""
                    return Array.from(document.querySelectorAll('section.key[data-key="gpt-4o-mini/chat"] .chart'))
                      .map(function (el) { return echarts.getInstanceByDom(el).getOption().yAxis[0].max; });""");
            assertThat(maxima).hasSize(2);
            assertThat(maxima.get(0)).isEqualTo(maxima.get(1));
            browser.screenshot(SCREENSHOTS.resolve("comparison.png"));
        }
    }

    // ------------------------------------------------------------------------------------------- checks

    /** The first screen draws the charts near it; the last key's chart appears when scrolled to. */
    private static void assertChartsDrawnWhenScrolledTo(HeadlessChromium browser) throws InterruptedException {
        String drawn = "return window.llmEvalReport.charts.filter(function (c) { return c.chart; }).length;";
        long first = ((Number) browser.script(drawn)).longValue();
        long total = ((Number) browser.script("return window.llmEvalReport.charts.length;")).longValue();
        assertThat(first).as("charts drawn on the first screen").isLessThan(total);
        String last = "return !!window.llmEvalReport.charts[window.llmEvalReport.charts.length - 1].chart;";
        assertThat(browser.script(last)).isEqualTo(false);
        browser.script("var boxes = document.querySelectorAll('.chart'); boxes[boxes.length - 1].scrollIntoView();");
        for (int i = 0; i < 200 && !Boolean.TRUE.equals(browser.script(last)); i++) {
            Thread.sleep(50);
        }
        assertThat(browser.script(last)).as("the last chart, drawn once scrolled to").isEqualTo(true);
    }

    private static void assertEveryChartDrawn(HeadlessChromium browser, int charts) {
        List<?> drawn = (List<?>) browser.script(CHART_PIXELS);
        assertThat(drawn).hasSize(charts);
        for (Object chart : drawn) {
            Map<?, ?> c = (Map<?, ?>) chart;
            assertThat(((Number) c.get("painted")).doubleValue()).as("painted share of " + c.get("id")).isGreaterThan(0.02);
            assertThat(c.get("empty")).as("series without data in " + c.get("id")).isEqualTo("");
        }
    }

    private record Expected(long requests, double errorRate, double p95Median, double p95Max, Double hallucinationRate,
                            long driftFlagged, long incidents) {}

    /** The summary of each key, worked out from the output files (independently of the report code). */
    private static Map<String, Expected> expectedSummaries(Path run) throws IOException {
        Map<String, List<JsonNode>> windows = byKey(lines(run.resolve("windows")));
        Map<String, List<JsonNode>> drift = byKey(lines(run.resolve("drift")));
        Map<String, List<JsonNode>> alerts = byKey(lines(run.resolve("alerts")));
        Map<String, Expected> expected = new TreeMap<>();
        windows.forEach((key, rows) -> {
            long requests = rows.stream().mapToLong(w -> w.get("request_count").asLong()).sum();
            long errors = rows.stream().mapToLong(w -> w.get("error_count").asLong()).sum();
            long scored = rows.stream().mapToLong(w -> w.get("scored_count").asLong()).sum();
            long hallucinated = rows.stream().mapToLong(w -> w.get("hallucinated_count").asLong()).sum();
            double[] p95 = rows.stream().mapToDouble(w -> w.get("latency_p95_ms").asDouble()).sorted().toArray();
            int n = p95.length;
            expected.put(key, new Expected(requests, (double) errors / requests,
                    n % 2 == 1 ? p95[n / 2] : (p95[n / 2 - 1] + p95[n / 2]) / 2, p95[n - 1],
                    scored == 0 ? null : (double) hallucinated / scored,
                    drift.getOrDefault(key, List.of()).stream().filter(d -> d.get("drift_detected").asBoolean()).count(),
                    alerts.getOrDefault(key, List.of()).stream().filter(a -> a.get("state").asText().equals("firing")).count()));
        });
        return expected;
    }

    private static void assertSummaryEqualsWindows(HeadlessChromium browser, Path run) throws IOException {
        Map<String, Expected> expected = expectedSummaries(run);
        List<?> rows = (List<?>) browser.script("""
                return Array.from(document.querySelectorAll('table.summary[data-run="A"] tbody tr')).map(function (tr) {
                  var cells = {};
                  tr.querySelectorAll('td').forEach(function (td) {
                    cells[td.dataset.column] = { value: td.dataset.value, text: td.textContent,
                      worst: td.classList.contains('worst') };
                  });
                  return { key: tr.dataset.key, cells: cells };
                });""");
        assertThat(rows).hasSize(expected.size());
        String worstErrorRate = expected.entrySet().stream()
                .max(Map.Entry.comparingByValue(java.util.Comparator.comparingDouble(Expected::errorRate))).orElseThrow().getKey();
        for (Object r : rows) {
            Map<?, ?> row = (Map<?, ?>) r;
            String key = (String) row.get("key");
            Map<?, ?> cells = (Map<?, ?>) row.get("cells");
            Expected e = expected.get(key);
            assertThat(e).as("a row for a key of the windows: " + key).isNotNull();
            assertThat(value(cells, "requests")).isEqualTo(e.requests());
            assertThat(text(cells, "requests")).isEqualTo(String.format(Locale.US, "%,d", e.requests()));
            assertThat(value(cells, "error_rate")).isCloseTo(e.errorRate(), within(1e-15));
            assertThat(text(cells, "error_rate")).startsWith(String.format(Locale.US, "%.2f%%", e.errorRate() * 100));
            assertThat(value(cells, "latency_p95_median_ms")).isCloseTo(e.p95Median(), within(1e-9));
            assertThat(value(cells, "latency_p95_max_ms")).isCloseTo(e.p95Max(), within(1e-9));
            assertThat(text(cells, "latency_p95_max_ms")).startsWith(String.format(Locale.US, "%,d ms", Math.round(e.p95Max())));
            assertThat(value(cells, "hallucination_rate")).isCloseTo(e.hallucinationRate(), within(1e-15));
            assertThat(value(cells, "drift_windows_flagged")).isEqualTo(e.driftFlagged());
            assertThat(value(cells, "incidents")).isEqualTo(e.incidents());
            assertThat(((Map<?, ?>) cells.get("error_rate")).get("worst")).as("worst error rate marked on " + key)
                    .isEqualTo(key.equals(worstErrorRate));
        }
    }

    private static void assertEveryIncidentVisible(HeadlessChromium browser, Path run) throws IOException {
        List<JsonNode> firing = lines(run.resolve("alerts")).stream()
                .filter(a -> a.get("state").asText().equals("firing")).toList();
        assertThat(firing).isNotEmpty();
        for (JsonNode event : firing) {
            String key = event.get("model").asText() + "/" + event.get("route").asText();
            long start = Instant.parse(event.get("window_start").asText()).toEpochMilli();
            WebElement row = browser.driver().findElement(By.cssSelector("tr.incident[data-alert='"
                    + event.get("alert").asText() + "'][data-key='" + key + "'][data-start='" + start + "']"));
            assertThat(row.isDisplayed()).isTrue();
            event.get("exemplars").forEach(id -> assertThat(row.getText()).contains(id.asText()));
            long end = Long.parseLong(row.getDomAttribute("data-end"));
            List<?> areas = (List<?>) browser.script("""
                    var el = document.querySelector('section.key[data-key="' + arguments[0] + '"] .chart');
                    return echarts.getInstanceByDom(el).getOption().series
                      .filter(function (s) { return s.name.indexOf('_incidents') === 0; })
                      .map(function (s) { return s.markArea.data.map(function (d) {
                        return d[0].name + ' ' + d[0].xAxis + ' ' + d[1].xAxis; }).join(';'); });""", key);
            assertThat(areas).as("every panel of " + key + " shades the incident").isNotEmpty()
                    .allSatisfy(a -> assertThat(a.toString()).contains(event.get("alert").asText() + " " + start + " " + end));
        }
        // And each incident the generator injected shows as an alert of its key over its time.
        for (JsonNode injected : JSON.readTree(run.resolve("incidents.json").toFile())) {
            String key = injected.get("model").asText() + "/" + injected.get("route").asText();
            long from = Instant.parse(injected.get("start").asText()).toEpochMilli();
            long to = Instant.parse(injected.get("end").asText()).toEpochMilli();
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr.incident[data-key='" + key + "']"));
            assertThat(rows).as("an incident row for injected " + injected.get("type") + " on " + key)
                    .anySatisfy(r -> {
                        assertThat(Long.parseLong(r.getDomAttribute("data-start"))).isLessThan(to);
                        assertThat(Long.parseLong(r.getDomAttribute("data-end"))).isGreaterThan(from);
                        assertThat(r.isDisplayed()).isTrue();
                    });
        }
    }

    private static void assertDeadLettersCounted(HeadlessChromium browser, Path run) throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        lines(run.resolve("dead-letters")).forEach(d -> expected.merge(d.get("reason").asText(), 1L, Long::sum));
        Map<?, ?> shown = (Map<?, ?>) browser.script("""
                var counts = {};
                document.querySelectorAll('table.dead-letters tbody tr').forEach(function (tr) {
                  counts[tr.dataset.reason] = Number(tr.querySelector('td').dataset.value);
                });
                return counts;""");
        assertThat(shown).hasSameSizeAs(expected);
        expected.forEach((reason, count) -> assertThat(((Number) shown.get(reason)).longValue()).as(reason).isEqualTo(count));
    }

    // ------------------------------------------------------------------------------------------- files

    private static double value(Map<?, ?> cells, String column) {
        return Double.parseDouble((String) ((Map<?, ?>) cells.get(column)).get("value"));
    }

    private static String text(Map<?, ?> cells, String column) {
        return (String) ((Map<?, ?>) cells.get(column)).get("text");
    }

    private static List<JsonNode> lines(Path folder) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }

    private static Map<String, List<JsonNode>> byKey(List<JsonNode> rows) {
        Map<String, List<JsonNode>> grouped = new TreeMap<>();
        rows.forEach(r -> grouped.computeIfAbsent(r.get("model").asText() + "/" + r.get("route").asText(),
                k -> new ArrayList<>()).add(r));
        return grouped;
    }

    /** A copy of a run in which one key's latencies are {@code factor} times as long. */
    private static Path slowDown(Path run, Path copy, String model, String route, double factor) throws IOException {
        for (String folder : new String[] {"windows", "drift", "alerts", "dead-letters"}) {
            Files.createDirectories(copy.resolve(folder));
            try (Stream<Path> files = Files.list(run.resolve(folder))) {
                for (Path file : files.toList()) {
                    List<String> out = new ArrayList<>();
                    for (String line : Files.readAllLines(file)) {
                        ObjectNode row = (ObjectNode) JSON.readTree(line);
                        if (folder.equals("windows") && row.get("model").asText().equals(model)
                                && row.get("route").asText().equals(route)) {
                            for (String column : new String[] {"latency_p50_ms", "latency_p90_ms", "latency_p95_ms",
                                "latency_p99_ms", "latency_max_ms"}) {
                                row.put(column, row.get(column).asDouble() * factor);
                            }
                        }
                        out.add(JSON.writeValueAsString(row));
                    }
                    Files.write(copy.resolve(folder).resolve(file.getFileName()), out);
                }
            }
        }
        return copy;
    }
}
