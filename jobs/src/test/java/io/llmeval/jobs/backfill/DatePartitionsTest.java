package io.llmeval.jobs.backfill;

import io.llmeval.jobs.pipeline.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The date layouts of archives and the files a time range leaves unopened. */
class DatePartitionsTest {

    @ParameterizedTest
    @CsvSource({
        "/logs/dt=2026-11-01/part-0.jsonl.gz,            2026-11-01T00:00:00Z, 2026-11-02T00:00:00Z",
        "/logs/date=2026-11-01/hour=13/a.jsonl,           2026-11-01T13:00:00Z, 2026-11-01T14:00:00Z",
        "/logs/2026/11/01/a.jsonl,                        2026-11-01T00:00:00Z, 2026-11-02T00:00:00Z",
        "/logs/2026/11/01/07/a.jsonl,                     2026-11-01T07:00:00Z, 2026-11-01T08:00:00Z",
        "/logs/year=2026/month=2/day=28/a.jsonl,          2026-02-28T00:00:00Z, 2026-03-01T00:00:00Z",
        "s3://bucket/2025/01/01/x/2026/03/04/a.jsonl,     2026-03-04T00:00:00Z, 2026-03-05T00:00:00Z",
    })
    void readsTheSpanADirectoryLayoutNames(String path, String start, String end) {
        assertThat(DatePartitions.of(path)).contains(new DatePartitions.Span(Instant.parse(start).toEpochMilli(),
                Instant.parse(end).toEpochMilli()));
    }

    @ParameterizedTest
    @CsvSource({"/logs/app.jsonl", "/logs/2026/13/01/a.jsonl", "/logs/dt=2026-02-30/a.jsonl", "/logs/1234/56/a.jsonl"})
    void otherPathsNameNoSpan(String path) {
        assertThat(DatePartitions.of(path)).isEmpty();
    }

    @Test
    void filesOfPartitionsOutsideTheRangeAreLeftOutBeforeTheRun(@TempDir Path dir) throws Exception {
        for (String day : List.of("2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03")) {
            Path file = dir.resolve("dt=" + day).resolve("part-0.jsonl");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{}\n");
        }
        Files.writeString(dir.resolve("undated.jsonl"), "{}\n");
        TimeRange range = TimeRange.parse("2026-11-01T12:00:00Z", "2026-11-02T00:30:00Z");

        BackfillPlan plan = BackfillPlan.of(List.of(dir.toString()), range, Duration.ofHours(1).toMillis(), 1 << 30, 1,
                Map.of());
        assertThat(plan.files()).extracting(f -> f.path().substring(f.path().indexOf(dir.getFileName().toString())
                        + dir.getFileName().toString().length() + 1))
                .as("Nov 1 and 2 (Nov 3 starts after --to even an hour early; Oct 31 ends before --from), the undated file")
                .containsExactly("dt=2026-11-01/part-0.jsonl", "dt=2026-11-02/part-0.jsonl", "undated.jsonl");
        assertThat(plan.skippedByPartition()).isEqualTo(2);

        BackfillPlan lateRecords = BackfillPlan.of(List.of(dir.toString()),
                TimeRange.parse("2026-11-02T23:30:00Z", "2026-11-03T00:00:00Z"), Duration.ofHours(1).toMillis(),
                1 << 30, 1, Map.of());
        assertThat(lateRecords.files()).as("Nov 3's file may hold Nov 2's last hour, shipped late")
                .anyMatch(f -> f.path().contains("dt=2026-11-03"));
    }
}
