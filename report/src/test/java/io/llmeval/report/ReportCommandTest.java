package io.llmeval.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ReportCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void assertFailsWith(int code, String message, String... args) {
        assertThat(run(args)).isEqualTo(code);
        assertThat(err.toString()).startsWith("llm-eval: ").contains(message);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void writesThePageAndPrintsItsPath(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("sub/report.html");

        int code = run("--input", Fixtures.smallRun().toString(), "--output", page.toString(), "--title", "Small run");

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("llm-eval report: wrote " + page.toAbsolutePath() + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
        assertThat(Files.readString(page)).contains("<title>Small run</title>");
    }

    @Test
    void twoInputsAreCompared(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("cmp.html");

        assertThat(run("--input", Fixtures.smallRun().toString(), "--input", Fixtures.generatedRun().toString(),
                "--output", page.toString())).isZero();

        var data = HtmlReportTest.embeddedData(Files.readString(page));
        assertThat(data.get("runs")).hasSize(2);
        assertThat(data.get("comparison").get("rows")).hasSize(1 + 2 + 6);    // all keys, m1, m2, six generated
        assertThat(data.get("title").asText()).isEqualTo("llm-eval report: " + Fixtures.smallRun() + " vs "
                + Fixtures.generatedRun());
    }

    @Test
    void filtersApply(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("f.html");

        assertThat(run("--input", Fixtures.smallRun().toString(), "--output", page.toString(), "--model", "m2",
                "--from", "2026-01-01T00:01:00Z", "--to", "2026-01-01T00:05:00Z")).isZero();

        var run = HtmlReportTest.embeddedData(Files.readString(page)).get("runs").get(0);
        assertThat(run.get("keys")).hasSize(1);
        assertThat(run.get("keys").get(0).get("summary").get("requests").asLong()).isEqualTo(50);
        assertThat(run.get("keys").get(0).get("incidents")).hasSize(1);    // the open incident 00:00-00:02
    }

    @Test
    void unusableArgumentsExitWith2(@TempDir Path dir) {
        String in = Fixtures.smallRun().toString();
        String page = dir.resolve("p.html").toString();
        assertFailsWith(2, "Missing required option: '--output=FILE'", "--input", in);
        reset();
        assertFailsWith(2, "--from 'yesterday' is not an ISO-8601 instant", "--input", in, "--output", page,
                "--from", "yesterday");
        reset();
        assertFailsWith(2, "must be before --to", "--input", in, "--output", page,
                "--from", "2026-01-01T00:05:00Z", "--to", "2026-01-01T00:05:00Z");
        reset();
        assertFailsWith(2, "--input is given 3 times", "--input", in, "--input", in, "--input", in, "--output", page);
        reset();
        assertFailsWith(2, "Unknown option: '--colour'", "--input", in, "--output", page, "--colour");
        assertThat(Files.exists(Path.of(page))).isFalse();
    }

    @Test
    void unusableInputExitsWith3(@TempDir Path dir) {
        String page = dir.resolve("p.html").toString();
        assertFailsWith(3, "no such directory: " + dir.resolve("absent"), "--input", dir.resolve("absent").toString(),
                "--output", page);
        reset();
        assertFailsWith(3, "is not an llm-eval output directory", "--input", dir.toString(), "--output", page);
        reset();
        assertFailsWith(3, "has no windows, drift windows or alerts matching --model nope",
                "--input", Fixtures.smallRun().toString(), "--output", page, "--model", "nope");
        assertThat(Files.exists(Path.of(page))).isFalse();
    }

    @Test
    void aPageThatCannotBeWrittenExitsWith1(@TempDir Path dir) {
        assertFailsWith(1, "cannot write " + dir, "--input", Fixtures.smallRun().toString(), "--output", dir.toString());
    }

    private void reset() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
