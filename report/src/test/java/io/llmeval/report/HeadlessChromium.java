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
        String path = System.getenv().getOrDefault("PATH", "") + java.io.File.pathSeparator + "/usr/bin";
        return Arrays.stream(path.split(java.io.File.pathSeparator)).flatMap(dir -> Arrays.stream(names)
                .map(name -> Path.of(dir, name))).filter(Files::isExecutable).findFirst();
    }

    /** Emulates {@code prefers-color-scheme: dark} for the pages opened next. */
    void preferDark() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    }

    /** Opens a file and waits until the page says every chart has rendered; returns the wait in ms. */
    long open(Path file) throws InterruptedException {
        long started = System.nanoTime();
        driver.get(file.toUri().toString());
        while (!Boolean.TRUE.equals(script("return !!(window.llmEvalReport && window.llmEvalReport.done);"))) {
            if (System.nanoTime() - started > RENDER_TIMEOUT.toNanos()) {
                fail("the page did not finish rendering in " + RENDER_TIMEOUT + "; console: " + consoleErrors());
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - started) / 1_000_000;
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

    /** A screenshot of the whole page: the window is made as tall as the document first. */
    void screenshot(Path png) throws IOException {
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
