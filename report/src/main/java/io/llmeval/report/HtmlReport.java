package io.llmeval.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@link ReportData} as one self-contained HTML file: the page template, its stylesheet and script, the
 * ECharts library from its WebJar, and the data as JSON, all inline. Nothing is loaded at view time, so the file
 * opens from disk, offline, in any browser; its size is the library (about 1 MB) plus the windows' columns.
 */
public final class HtmlReport {

    private static final String RESOURCES = "/io/llmeval/report/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z]+)}}");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private HtmlReport() {}

    /** The page for {@code data}. */
    public static String render(ReportData data) {
        Map<String, String> parts = Map.of(
                "TITLE", escapeHtml(data.title()),
                "STYLE", resource(RESOURCES + "report.css"),
                "DATA", json(data),
                "ECHARTS", library(),
                "APP", inlineScript(resource(RESOURCES + "report.js")));
        // One pass over the template only: text inside the inserted parts is never taken for a placeholder.
        Matcher m = PLACEHOLDER.matcher(resource(RESOURCES + "report.html"));
        StringBuilder page = new StringBuilder();
        while (m.find()) {
            String part = parts.get(m.group(1));
            if (part == null) {
                throw new IllegalStateException("report.html has an unknown placeholder " + m.group());
            }
            m.appendReplacement(page, Matcher.quoteReplacement(part));
        }
        m.appendTail(page);
        return page.toString();
    }

    /**
     * The data as JSON for a {@code <script type="application/json">} element. {@code <} appears in JSON only
     * inside strings, where {@code \u003c} means the same, so no text of the data can close the element.
     */
    static String json(ReportData data) {
        try {
            return JSON.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("page data not serialisable", e);
        }
    }

    /** The chart library as inlined. */
    static String library() {
        return inlineScript(resource(echartsPath()));
    }

    /** A script's text where no {@code </script} closes its element early ({@code <\/} is the same in JS). */
    static String inlineScript(String source) {
        return Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE).matcher(source).replaceAll("<\\\\/$1");
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String echartsPath() {
        Properties properties = new Properties();
        try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + "report.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("report.properties missing from the classpath", e);
        }
        return properties.getProperty("echartsScript");
    }

    private static String resource(String path) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
