package io.llmeval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private static final Pattern DATA = Pattern.compile(
            "<script id=\"report-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

    static ReportData data(Path dir) throws UnusableInputException {
        return ReportData.of("t", List.of(new OutputDirectoryReader().read(dir)), ReportFilter.NONE);
    }

    static JsonNode embeddedData(String page) throws Exception {
        Matcher m = DATA.matcher(page);
        assertThat(m.find()).as("the page embeds its data").isTrue();
        return JsonMapper.builder().build().readTree(m.group(1));
    }

    @Test
    void onePageWithNothingToFetch() throws Exception {
        String page = HtmlReport.render(data(Fixtures.generatedRun()));

        // No element loads anything: scripts and styles are inline, no link, image or frame. (The library's own
        // code builds an <img> for its save-as-image tool, which the page does not enable.)
        assertThat(page).contains(HtmlReport.library());
        assertThat(page.replace(HtmlReport.library(), "")).doesNotContainPattern("(?i)<(script|link|img|iframe|object|embed)\\b[^>]*\\b(src|href)\\s*=");
        assertThat(page.replace(HtmlReport.library(), "")).doesNotContainPattern("(?i)@import|url\\(\\s*['\"]?https?:");
        assertThat(page).contains("Licensed to the Apache Software Foundation");   // ECharts, with its licence
        assertThat(page).contains("echarts.init(");                                 // the page's own script
        assertThat(page).contains("prefers-color-scheme: dark");
        assertThat(Pattern.compile("</script>").matcher(page).results().count()).isEqualTo(3);
    }

    @Test
    void embedsTheDataAsJson() throws Exception {
        ReportData data = data(Fixtures.smallRun());
        JsonNode json = embeddedData(HtmlReport.render(data));

        JsonNode run = json.get("runs").get(0);
        assertThat(run.get("start").asLong()).isEqualTo(data.runs().get(0).start().toEpochMilli());
        JsonNode m1 = run.get("keys").get(0);
        assertThat(m1.get("model").asText()).isEqualTo("m1");
        assertThat(m1.get("summary").get("requests").asLong()).isEqualTo(500);
        assertThat(m1.get("summary").get("error_rate").asDouble()).isEqualTo(0.06);
        assertThat(m1.get("worst").toString()).contains("\"error_rate\"", "\"incidents\"");
        assertThat(m1.get("windows").get("request_count").toString()).isEqualTo("[100,200,100,null,100]");
        assertThat(m1.get("incidents").get(0).get("exemplars").toString()).isEqualTo("[\"t1\",\"t2\",\"t3\"]");
        assertThat(json.get("comparison").isNull()).isTrue();
    }

    @Test
    void textFromTheInputCannotCloseTheScriptOrTheTitle() throws Exception {
        ReportData data = data(Fixtures.smallRun());
        ReportData hostile = new ReportData("</title><script>alert(1)</script>", data.filter(),
                List.of(withInput(data.runs().get(0), "/tmp/</script><script>alert(2)</script>")), null);

        String page = HtmlReport.render(hostile);

        assertThat(Pattern.compile("</script>").matcher(page).results().count()).isEqualTo(3);
        assertThat(page).contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>");
        assertThat(embeddedData(page).get("runs").get(0).get("input").asText())
                .isEqualTo("/tmp/</script><script>alert(2)</script>");
    }

    private static RunReport withInput(RunReport r, String input) {
        return new RunReport(r.label(), input, r.start(), r.end(), r.windowMs(), r.keys(), r.total(), r.deadLetters(),
                r.unreadableLines(), r.hasDrift(), r.hasCost(), r.hasStages());
    }

    @Test
    void sizeGrowsWithWindowsNotWithRecords(@TempDir Path dir) throws Exception {
        long base = pageBytes(new SyntheticOutput(2, 500).write(dir.resolve("a")));
        // A thousand times the requests per window and 100 times the dead letters: the same page, give or take digits.
        long busier = pageBytes(new SyntheticOutput(2, 500).requestsPerWindow(1_200_000).deadLetters(10_000)
                .write(dir.resolve("b")));
        long twice = pageBytes(new SyntheticOutput(2, 1000).write(dir.resolve("c")));
        long fourTimes = pageBytes(new SyntheticOutput(2, 2000).write(dir.resolve("d")));

        assertThat((double) busier / base).isBetween(0.99, 1.08);
        double perWindow = (twice - base) / 1000.0;
        double perWindowAfter = (fourTimes - twice) / 2000.0;
        assertThat(perWindowAfter / perWindow).isBetween(0.9, 1.1);
        assertThat(perWindow).isBetween(50.0, 400.0);
    }

    private static long pageBytes(Path dir) throws Exception {
        return HtmlReport.render(data(dir)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
