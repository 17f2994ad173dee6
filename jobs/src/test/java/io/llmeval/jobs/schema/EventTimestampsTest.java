package io.llmeval.jobs.schema;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-01-01", "2026-13-01T00:00:00Z", "2026-01-01T00:00:00", "1767225600",
        "99999999999999999999", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "abc"})
    void rejectsWhatIsNotAnEventTime(String text) {
        assertThat(EventTimestamps.parse(text)).isEqualTo(-1);
    }

    @Test
    void fractionsAndOffsetsAreExact() {
        assertThat(EventTimestamps.parse("2026-01-01T00:00:00.123456Z")).isEqualTo(1767225600123L);
        assertThat(EventTimestamps.parse("2026-01-01T05:30:00+05:30")).isEqualTo(1767225600000L);
        assertThat(EventTimestamps.fromNumber(1767225600123.9)).isEqualTo(1767225600123L);
        assertThat(EventTimestamps.fromNumber(Double.NaN)).isEqualTo(-1);
        assertThat(EventTimestamps.format(1767225660000L)).isEqualTo("2026-01-01T00:01:00Z");
    }
}
