package io.llmeval.jobs.source;

import io.llmeval.jobs.schema.RawLine;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JsonLinesFileFormat} over the damaged archive of {@code src/test/resources/damaged-archive} (see the README
 * beside {@code damaged-archive-source/records.jsonl}): the records before the damage come out as they were written,
 * then exactly one {@code unreadable} marker, and nothing is thrown.
 */
public class JsonLinesFileFormatTest {

    public static java.nio.file.Path archive() throws URISyntaxException {
        return java.nio.file.Path.of(JsonLinesFileFormatTest.class.getResource("/damaged-archive").toURI());
    }

    public static List<String> originalLines() throws Exception {
        return Files.readAllLines(java.nio.file.Path.of(
                JsonLinesFileFormatTest.class.getResource("/damaged-archive-source/records.jsonl").toURI()));
    }

    private static List<RawLine> readAll(BulkFormat.Reader<RawLine> reader) throws IOException {
        List<RawLine> lines = new ArrayList<>();
        for (BulkFormat.RecordIterator<RawLine> batch; (batch = reader.readBatch()) != null; ) {
            for (RecordAndPosition<RawLine> r; (r = batch.next()) != null; ) {
                lines.add(r.getRecord());
            }
            batch.releaseBatch();
        }
        reader.close();
        return lines;
    }

    public static List<RawLine> read(String file) throws Exception {
        java.nio.file.Path path = archive().resolve(file);
        FileSourceSplit split = new FileSourceSplit("0", new Path(path.toUri()), 0, Files.size(path), 0, Files.size(path));
        return readAll(new JsonLinesFileFormat(1 << 20).createReader(new Configuration(), split));
    }

    private static List<String> text(List<RawLine> lines) {
        return lines.stream().map(l -> new String(l.bytes, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void intactFilesYieldEveryLineTaggedWithPathAndLineNumber() throws Exception {
        List<RawLine> good = read("2026-01-01-a-good.jsonl.gz");
        assertThat(text(good)).isEqualTo(originalLines().subList(0, 150));
        assertThat(good.get(149).source).endsWith("damaged-archive/2026-01-01-a-good.jsonl.gz:150");
        assertThat(good).allMatch(l -> l.unreadable == null);
        assertThat(text(read("2026-01-01-e-plain.jsonl"))).isEqualTo(originalLines().subList(520, 600));
    }

    @Test
    void aTruncatedArchiveYieldsItsCompleteLinesThenOneMarker() throws Exception {
        List<RawLine> lines = read("2026-01-01-b-truncated.jsonl.gz");
        RawLine marker = lines.get(lines.size() - 1);
        List<RawLine> records = lines.subList(0, lines.size() - 1);

        assertThat(text(records)).as("gzip -dc reads 84 complete lines").isEqualTo(originalLines().subList(150, 234));
        assertThat(records).allMatch(l -> l.unreadable == null);
        assertThat(marker.unreadable).startsWith("EOFException: Unexpected end of ZLIB input stream")
                .contains("after 9775 bytes of the file");
        assertThat(marker.source).endsWith("2026-01-01-b-truncated.jsonl.gz:85");
        assertThat(originalLines().get(234)).startsWith(new String(marker.bytes, StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatIsNotGzipIsOneMarker() throws Exception {
        assertThat(read("2026-01-01-c-not-gzip.jsonl.gz")).singleElement().satisfies(marker -> {
            assertThat(marker.unreadable).startsWith("ZipException: Not in GZIP format");
            assertThat(marker.source).endsWith("2026-01-01-c-not-gzip.jsonl.gz:1");
            assertThat(marker.bytes).isEmpty();
        });
    }

    @Test
    void aCorruptMemberEndsTheFileAfterTheIntactMember() throws Exception {
        List<RawLine> lines = read("2026-01-01-d-corrupt-member.jsonl.gz");
        assertThat(text(lines.subList(0, 70))).isEqualTo(originalLines().subList(380, 450));
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.unreadable == null);
        assertThat(lines.get(lines.size() - 1).unreadable).isNotNull();
    }

    @Test
    void aRestoredReaderSkipsWhatWasEmittedBeforeTheCheckpoint() throws Exception {
        java.nio.file.Path path = archive().resolve("2026-01-01-b-truncated.jsonl.gz");
        long size = Files.size(path);
        FileSourceSplit split = new FileSourceSplit("0", new Path(path.toUri()), 0, size, 0, size, new String[0],
                new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 80));
        List<RawLine> rest = readAll(new JsonLinesFileFormat(1 << 20).restoreReader(new Configuration(), split));
        assertThat(text(rest.subList(0, 4))).isEqualTo(originalLines().subList(230, 234));
        assertThat(rest).hasSize(5);
        assertThat(rest.get(4).unreadable).isNotNull();

        FileSourceSplit afterMarker = new FileSourceSplit("0", new Path(path.toUri()), 0, size, 0, size, new String[0],
                new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 85));
        assertThat(readAll(new JsonLinesFileFormat(1 << 20).restoreReader(new Configuration(), afterMarker))).isEmpty();
    }
}
