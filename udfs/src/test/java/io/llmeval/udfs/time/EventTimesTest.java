package io.llmeval.udfs.time;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2026-01-01T00:00:00Z          | 1767225600000",
        "2026-01-01T00:00:00.123456Z   | 1767225600123",
        "2026-01-01T02:00:00+02:00     | 1767225600000",
        "2026-01-01 00:00:00Z          | 1767225600000",
        "2026-01-01t00:00:00z          | 1767225600000",
        "1767225600000                 | 1767225600000",
        "' 1767225600000 '             | 1767225600000",
    })
    void acceptsTheLogSchemaForms(String text, long millis) {
        assertThat(EventTimes.parse(text)).isEqualTo(millis);
        assertThat(EventTimes.parseJsonText(text)).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-01-01", "2026-13-01T00:00:00Z", "2026-01-01T00:00:00", "1767225600",
        "99999999999999999999", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "abc", "1767225600000.5.1", "0x10"})
    void rejectsWhatIsNotAnEventTime(String text) {
        assertThat(EventTimes.parse(text)).isEqualTo(-1);
        assertThat(EventTimes.parseJsonText(text)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1767225600123.9      | 1767225600123",
        "1.7672256001239E12   | 1767225600123",
        "1.767225600E9        | -1",
        "-1767225600000       | -1",
    })
    void numbersAsAJsonReaderWritesThemAreMillis(String text, long millis) {
        assertThat(EventTimes.parse(text)).isEqualTo(-1);
        assertThat(EventTimes.parseJsonText(text)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1767225600123.9, 1767225600123", "NaN, -1", "Infinity, -1", "946684799999, -1", "946684800000, 946684800000"})
    void fromNumberTruncatesAndBounds(double number, long millis) {
        assertThat(EventTimes.fromNumber(number)).isEqualTo(millis);
    }
}
