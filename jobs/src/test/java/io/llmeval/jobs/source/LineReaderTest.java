package io.llmeval.jobs.source;

import io.llmeval.jobs.schema.RawLine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest {

    private static List<RawLine> read(String text, int maxLineBytes) throws IOException {
        LineReader reader = new LineReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLineBytes);
        List<RawLine> lines = new ArrayList<>();
        for (RawLine line; (line = reader.read()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void splitsLinesKeepsLineNumbersAndSkipsBlankLines() throws IOException {
        List<RawLine> lines = read("{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}", 1000);

        assertThat(lines).extracting(l -> new String(l.bytes, StandardCharsets.UTF_8))
                .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        assertThat(lines).extracting(l -> l.source).containsExactly("1", "4", "5");
        assertThat(lines).noneMatch(l -> l.truncated);
    }

    @Test
    void cutsOverlongLinesAndCarriesOn() throws IOException {
        List<RawLine> lines = read("x".repeat(5000) + "\n{\"ok\":1}\n", 100);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).truncated).isTrue();
        assertThat(lines.get(0).bytes.length).isLessThanOrEqualTo(101);
        assertThat(lines.get(1).truncated).isFalse();
        assertThat(lines.get(1).source).isEqualTo("2");
    }

    @Test
    void linesLongerThanTheReadBufferStayWhole() throws IOException {
        String longLine = "{\"p\":\"" + "y".repeat(200_000) + "\"}";
        List<RawLine> lines = read("{\"a\":1}\n" + longLine + "\n" + longLine + "\r\n{\"b\":2}", 1 << 20);

        assertThat(lines).hasSize(4);
        assertThat(new String(lines.get(1).bytes, StandardCharsets.UTF_8)).isEqualTo(longLine);
        assertThat(new String(lines.get(2).bytes, StandardCharsets.UTF_8)).isEqualTo(longLine);
        assertThat(new String(lines.get(3).bytes, StandardCharsets.UTF_8)).isEqualTo("{\"b\":2}");
        assertThat(lines).noneMatch(l -> l.truncated);
    }
}
