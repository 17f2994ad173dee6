package io.llmeval.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputDirectoryReaderTest {

    private final OutputDirectoryReader reader = new OutputDirectoryReader();

    @Test
    void readsEveryFolderAndCountsTheLinesItCannotRead() throws Exception {
        RunOutput run = reader.read(Fixtures.smallRun());

        // 7 window lines of which 2 unreadable (not JSON; no request_count); the hidden in-progress file is skipped.
        assertThat(run.windows()).hasSize(7);
        assertThat(run.windows()).noneMatch(w -> w.windowStart().equals(Instant.parse("2026-01-01T00:05:00Z")));
        assertThat(run.unreadableLines()).containsOnly(java.util.Map.entry("windows", 2L));
        assertThat(run.drift()).hasSize(3);
        assertThat(run.drift().get(1).hasVerdict()).isFalse();
        assertThat(run.alerts()).hasSize(4);
        assertThat(run.deadLetters()).extracting(DeadLetterRow::reason)
                .containsExactly("missing_field:model", "malformed_json", "malformed_json");
        assertThat(run.stages()).hasSize(3);

        WindowRow first = run.windows().get(0);
        assertThat(first.key()).isEqualTo(new SeriesKey("m1", "chat"));
        assertThat(first.requestCount()).isEqualTo(100);
        assertThat(first.costUsdSum()).isEqualTo(0.5);
        assertThat(run.windows().get(2).ttftP50Ms()).isNull();
        assertThat(run.windows().get(4).costUsdSum()).isNull();
    }

    @Test
    void missingFoldersReadAsEmpty(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("windows"));
        Files.copy(Fixtures.smallRun().resolve("windows/windows-0.jsonl"), dir.resolve("windows/w.jsonl"));

        RunOutput run = reader.read(dir);

        assertThat(run.windows()).hasSize(7);
        assertThat(run.drift()).isEmpty();
        assertThat(run.alerts()).isEmpty();
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.stages()).isEmpty();
    }

    @Test
    void malformedUtf8IsAnUnreadableLineNotAFailure(@TempDir Path dir) throws IOException, UnusableInputException {
        Files.createDirectories(dir.resolve("alerts"));
        Files.write(dir.resolve("alerts/a.jsonl"), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});

        assertThat(reader.read(dir).unreadableLines()).containsEntry("alerts", 1L);
    }

    @Test
    void refusesWhatIsNotAnOutputDirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> reader.read(dir.resolve("absent")))
                .isInstanceOf(UnusableInputException.class).hasMessageContaining("no such directory");
        assertThatThrownBy(() -> reader.read(dir))
                .isInstanceOf(UnusableInputException.class).hasMessageContaining("not an llm-eval output directory");
    }
}
