package io.llmeval.jobs.backfill;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.schema.EventTimestamps;
import io.llmeval.jobs.source.JsonLinesFileFormatTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backfill --from --to}: the records of {@code [from, to)} are evaluated, the others counted in the summary (not
 * dead-lettered); a bad bound is a usage error.
 */
class TimeRangeBackfillTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keepsTheRecordsOfTheRangeAndCountsTheOthers(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Path plain = JsonLinesFileFormatTest.archive().resolve("2026-01-01-e-plain.jsonl");
        Files.copy(plain, logs.resolve("plain.jsonl"));
        Instant from = Instant.parse("2026-01-01T00:00:27Z");
        Instant to = Instant.parse("2026-01-01T00:00:29Z");
        long inRange = 0;
        List<String> lines = Files.readAllLines(plain);
        for (String line : lines) {
            var ts = JSON.readTree(line).get("timestamp");
            long millis = ts.isNumber() ? ts.longValue() : EventTimestamps.parse(ts.asText());
            inRange += millis >= from.toEpochMilli() && millis < to.toEpochMilli() ? 1 : 0;
        }
        assertThat(inRange).as("the fixture has records on both sides of the range").isBetween(1L, lines.size() - 1L);

        JobsCliRun run = JobsCliRun.of("backfill", "--input", logs.toString(), "--output", dir.resolve("out").toString(),
                "--from", from.toString(), "--to", to.toString(), "--prometheus-port", "none");

        assertThat(run.exitCode()).as(run.err()).isZero();
        long counted = OutputFiles.sortedLines(dir.resolve("out"), "windows").stream()
                .mapToLong(w -> {
                    try {
                        return JSON.readTree(w).get("request_count").asLong();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).sum();
        assertThat(counted).isEqualTo(inRange);
        assertThat(OutputFiles.sortedLines(dir.resolve("out"), "dead-letters")).isEmpty();
        assertThat(run.err()).contains(String.format("%,d outside --from/--to", lines.size() - inRange));
    }

    @Test
    void aBoundThatIsNotATimeIsAUsageError(@TempDir Path dir) {
        JobsCliRun run = JobsCliRun.of("backfill", "--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--from", "yesterday");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--from must be an RFC 3339 time");
        JobsCliRun empty = JobsCliRun.of("backfill", "--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--from", "2026-01-02T00:00:00Z", "--to", "2026-01-01T00:00:00Z");
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).contains("the time range is empty");
    }
}
