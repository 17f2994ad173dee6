package io.llmeval.report;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * How long {@code llm-eval report} and the browser take for a large run: synthesises an output directory of
 * {@code --windows} windows over {@code --keys} keys (10^5 windows: the size for a 50 GB backfill), writes
 * its page, then opens it {@code --loads} times in headless chromium and reads the page's own clock (navigation
 * start to the charts of the first screen drawn, then to every chart drawn) and the CPU time of the renderer's main
 * thread, which depends far less on the machine's load than the clock does. Also counts the points drawn at
 * overview and after zooming to 1% of the range (full resolution), and times that zoom. Run by
 * {@code bench/report-bench.sh}.
 */
@CommandLine.Command(name = "report-bench.sh", mixinStandardHelpOptions = true,
        description = "Render benchmark of llm-eval report over a synthesised output directory.")
public final class ReportRenderBench implements Callable<Integer> {

    @CommandLine.Option(names = "--windows", defaultValue = "100000", description = "Windows in all (default: ${DEFAULT-VALUE}).")
    int windows;

    @CommandLine.Option(names = "--keys", defaultValue = "6", description = "(model, route) keys (default: ${DEFAULT-VALUE}).")
    int keys;

    @CommandLine.Option(names = "--loads", defaultValue = "3", description = "Page loads measured (default: ${DEFAULT-VALUE}).")
    int loads;

    @CommandLine.Option(names = "--work", defaultValue = "report/target/report-bench",
            description = "Folder for the output directory and the page (default: ${DEFAULT-VALUE}).")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReportRenderBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int perKey = windows / keys;
        Path output = work.resolve("output-" + keys + "x" + perKey);
        Path page = work.resolve("report-" + keys + "x" + perKey + ".html");
        deleteTree(output);

        long t0 = System.nanoTime();
        new SyntheticOutput(keys, perKey).incidentEvery(Math.max(200, perKey / 4)).write(output);
        long synthMs = millis(t0);

        t0 = System.nanoTime();
        StringWriter err = new StringWriter();
        var cli = ReportCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        if (cli.execute("--input", output.toString(), "--output", page.toString()) != 0) {
            throw new IllegalStateException("report failed: " + err);
        }
        long reportMs = millis(t0);

        System.out.printf(Locale.US, "report-bench: %,d windows (%d keys x %,d), %d page loads, %d cores, load %s%n",
                (long) keys * perKey, keys, perKey, loads, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1"));
        System.out.printf(Locale.US, "  synthesise the output directory   %6d ms  windows/ %.1f MB%n",
                synthMs, Files.size(output.resolve("windows/windows-0.jsonl")) / 1e6);
        System.out.printf(Locale.US, "  llm-eval report (read, write)     %6d ms  page %.1f MB (ECharts %.1f MB of it)%n",
                reportMs, Files.size(page) / 1e6, HtmlReport.library().length() / 1e6);

        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1000)) {
            long[] firstScreen = new long[loads];
            long[] firstScreenCpu = new long[loads];
            long[] everything = new long[loads];
            long[] everythingCpu = new long[loads];
            long[] allCpu = new long[loads];
            long[] slowestChart = new long[loads];
            for (int i = 0; i < loads; i++) {
                long cpuBefore = browser.chromiumCpuTime().toMillis();
                long mainBefore = browser.rendererMainThreadCpuTime().toMillis();
                browser.open(page);
                long mainFirst = browser.rendererMainThreadCpuTime().toMillis();
                firstScreenCpu[i] = mainFirst - mainBefore;
                firstScreen[i] = Math.round(((Number) browser.script("return window.llmEvalReport.renderMs;")).doubleValue());
                browser.drawEverything();
                everythingCpu[i] = browser.rendererMainThreadCpuTime().toMillis() - mainBefore;
                allCpu[i] = browser.chromiumCpuTime().toMillis() - cpuBefore;
                everything[i] = Math.round(((Number) browser.script("return window.llmEvalReport.allRenderMs;")).doubleValue());
                slowestChart[i] = Math.round(((Number) browser.script("return Math.max.apply(null, "
                        + "window.llmEvalReport.charts.map(function (c) { return c.drawMs; }));")).doubleValue());
            }
            List<String> errors = browser.consoleErrors();
            int charts = ((Number) browser.script("return window.llmEvalReport.charts.length;")).intValue();
            System.out.printf(Locale.US, "  first screen drawn (navigation start to its charts): %s ms, median %d ms (target < 3000 ms: %s)%n",
                    join(firstScreen), median(firstScreen), median(firstScreen) < 3000 ? "met" : "NOT met");
            System.out.printf(Locale.US, "    renderer main-thread CPU time to that point:       %s ms%n", join(firstScreenCpu));
            System.out.printf(Locale.US, "  all %d charts drawn (drawAll, as printing does):      %s ms, median %d ms%n",
                    charts, join(everything), median(everything));
            System.out.printf(Locale.US, "    renderer main-thread CPU time to that point:       %s ms%n", join(everythingCpu));
            System.out.printf(Locale.US, "    CPU time of all chromium processes:                %s ms%n", join(allCpu));
            System.out.printf(Locale.US, "    slowest chart's setOption:                         %s ms%n", join(slowestChart));
            String points = "return echarts.getInstanceByDom(document.querySelector('section.key .chart')).getModel()"
                    + ".getSeries().filter(function (s) { return s.name === 'latency p95'; })[0].getData().count();";
            long overview = ((Number) browser.script(points)).longValue();
            browser.script("document.querySelector('section.key .chart').scrollIntoView();");
            browser.nextFrames();
            List<?> zoom = (List<?>) browser.driver().executeAsyncScript("""
                    var done = arguments[arguments.length - 1];
                    var report = window.llmEvalReport;
                    var refreshes = report.refreshes;
                    var t0 = performance.now();
                    echarts.getInstanceByDom(document.querySelector('section.key .chart'))
                      .dispatchAction({ type: 'dataZoom', start: 49.5, end: 50.5 });
                    (function painted() {
                      requestAnimationFrame(function () {
                        if (report.refreshes === refreshes) { painted(); return; }
                        requestAnimationFrame(function () { done([performance.now() - t0, report.refreshMs]); });
                      });
                    })();
                    """);
            long zoomed = ((Number) browser.script(points)).longValue();
            System.out.printf(Locale.US, "  latency p95 points drawn, first key: %,d of %,d at overview; %,d after zooming to 1%% (%,d windows)%n",
                    overview, perKey, zoomed, perKey / 100);
            System.out.printf(Locale.US, "  zoom to 1%% of the range: %d ms to the next painted frame (new range and data for the charts near the viewport: %d ms)%n",
                    Math.round(((Number) zoom.get(0)).doubleValue()), Math.round(((Number) zoom.get(1)).doubleValue()));
            System.out.printf("  console errors: %d%n", errors.size() + browser.consoleErrors().size());
        }
        return 0;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String join(long[] values) {
        List<String> parts = new ArrayList<>();
        for (long v : values) {
            parts.add(Long.toString(v));
        }
        return String.join(" / ", parts);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
