package io.llmeval.report;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's {@code chromium}, headless, driven by Selenium through Debian's {@code chromedriver} (package
 * {@code chromium-driver}, the same version as the browser). Selenium because it is the well-kept library for
 * this: it starts and stops the browser, runs scripts in the page, reads the browser's console log and takes
 * screenshots, and its CDP passthrough covers the rest (dark colour scheme). Without a browser the calling test
 * is skipped with a message, unless {@value #REQUIRE} is set to 1 (CI): then it fails.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String REQUIRE = "LLM_EVAL_REQUIRE_BROWSER";
    private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(90);

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(Path browser, Path chromedriver, int width, int height) throws IOException {
        profile = Files.createTempDirectory("llm-eval-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--force-device-scale-factor=1");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** A browser, or the calling test skipped (failed with {@value #REQUIRE}=1) when there is none. */
    static HeadlessChromium start(int width, int height) throws IOException {
        Optional<Path> browser = onPath("chromium", "chromium-browser");
        Optional<Path> chromedriver = onPath("chromedriver");
        if (browser.isEmpty() || chromedriver.isEmpty()) {
            String missing = "no " + (browser.isEmpty() ? "chromium" : "chromedriver") + " on PATH (Debian: "
                    + "apt-get install chromium chromium-driver); browser test skipped";
            if ("1".equals(System.getenv(REQUIRE))) {
                fail(missing.replace("browser test skipped", REQUIRE + "=1 requires it"));
            }
            Assumptions.abort(missing);
        }
        return new HeadlessChromium(browser.get(), chromedriver.get(), width, height);
    }

    private static Optional<Path> onPath(String... names) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).flatMap(dir -> Arrays.stream(names)
                .map(name -> Path.of(dir, name))).filter(Files::isExecutable).findFirst();
    }

    /** Emulates {@code prefers-color-scheme: dark} for the pages opened next. */
    void preferDark() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    }

    /** Opens a file and waits until the page says the charts of its first screen are drawn. */
    void open(Path file) throws InterruptedException {
        driver.get(file.toUri().toString());
        await("window.llmEvalReport && window.llmEvalReport.done", "draw its first screen");
    }

    /** Draws the charts that scrolling would draw, and waits until every chart of the page is drawn. */
    void drawEverything() throws InterruptedException {
        script("window.llmEvalReport.drawAll();");
        await("window.llmEvalReport.allDone", "draw every chart");
    }

    private void await(String condition, String what) throws InterruptedException {
        long started = System.nanoTime();
        while (!Boolean.TRUE.equals(script("return !!(" + condition + ");"))) {
            if (System.nanoTime() - started > RENDER_TIMEOUT.toNanos()) {
                fail("the page did not " + what + " in " + RENDER_TIMEOUT + "; console: " + consoleErrors());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for two animation frames: the page's zoom refresh runs in the next one, its paint after it. */
    void nextFrames() {
        driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });");
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Console messages at level SEVERE (console.error, uncaught exceptions, failed loads) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /**
     * CPU time used so far by the browser's processes (browser, renderers, GPU and utility processes: all
     * descendants of this JVM named chromium). Unlike wall time it hardly depends on what else the machine runs.
     */
    Duration chromiumCpuTime() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chromium")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * CPU time used so far by the main threads of the browser's renderer processes (Linux /proc; zero elsewhere):
     * the thread that parses the page, runs its script and draws the charts, so the time the page would take on
     * an otherwise idle core.
     */
    Duration rendererMainThreadCpuTime() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid)
                .filter(pid -> procText(pid, "cmdline").contains("--type=renderer"))
                .map(pid -> {
                    String stat = procText(pid, "task/" + pid + "/stat");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime + stime
                    return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_S);
                })
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** USER_HZ: Linux reports thread times in 1/100 s on every architecture it runs on. */
    private static final long CLOCK_TICKS_PER_S = 100;

    private static String procText(long pid, String file) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)), java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** A screenshot of the whole page: the window is made as tall as the document first. */
    void screenshot(Path png) throws IOException {
        script("window.scrollTo(0, 0);");
        Number height = (Number) script("return document.documentElement.scrollHeight;");
        Dimension size = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(size.getWidth(), Math.min(height.intValue() + 40, 16000)));
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
