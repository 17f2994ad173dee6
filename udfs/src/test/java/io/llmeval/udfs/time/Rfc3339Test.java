package io.llmeval.udfs.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written RFC 3339 reader against {@code java.time} (the reference): same result whenever it answers. */
class Rfc3339Test {

    /** What {@code java.time} makes of the text, as {@link EventTimes} asked it before the fast path. */
    private static long javaTime(String text) {
        String iso = (text.substring(0, 10) + 'T' + text.substring(11)).replace('z', 'Z');
        try {
            return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Rfc3339.INVALID;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2026-01-01T00:00:00Z, 1767225600000",
        "2026-01-01t00:00:00.123456z, 1767225600123",
        "2026-01-01 02:00:00+02:00, 1767225600000",
        "2025-12-31T19:00:00.9-05:00, 1767225600900",
        "2024-02-29T12:00:00Z, 1709208000000",
        "1999-12-31T23:59:59.999999999Z, 946684799999",
    })
    void readsTheShapesShippersSend(String text, long millis) {
        assertThat(Rfc3339.parseMillis(text)).isEqualTo(millis).isEqualTo(javaTime(text));
    }

    @ParameterizedTest
    @CsvSource({"2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z",
        "2026-01-01T23:59:60Z", "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z"})
    void rejectsImpossibleTimesAsJavaTimeDoes(String text) {
        assertThat(Rfc3339.parseMillis(text)).isEqualTo(Rfc3339.INVALID).isEqualTo(javaTime(text));
    }

    @ParameterizedTest
    @CsvSource({"2026-01-01T00:00:00", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z",
        "2026-01-01T00:00:00+18:00", "2026-01-01T00:00:00+0100", "2026-01-01X00:00:00Z", "2026-1-01T00:00:00Z"})
    void leavesOtherShapesToJavaTime(String text) {
        assertThat(Rfc3339.parseMillis(text)).isEqualTo(Rfc3339.NOT_HANDLED);
    }

    @Test
    void agreesWithJavaTimeOnAHundredThousandRandomTimestamps() {
        SplittableRandom random = new SplittableRandom(3339);
        String[] separators = {"T", "t", " "};
        String[] zones = {"Z", "z", "+00:00", "-05:30", "+14:00", "-11:59", "+17:59"};
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02d%s%02d:%02d:%02d",
                    random.nextInt(1900, 2200), random.nextInt(0, 14), random.nextInt(0, 33),
                    separators[random.nextInt(separators.length)], random.nextInt(0, 25), random.nextInt(0, 61),
                    random.nextInt(0, 61)));
            if (random.nextBoolean()) {
                text.append('.');
                int digits = random.nextInt(1, 10);
                for (int d = 0; d < digits; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            text.append(zones[random.nextInt(zones.length)]);
            String s = text.toString();
            long fast = Rfc3339.parseMillis(s);
            assertThat(fast).as(s).isNotEqualTo(Rfc3339.NOT_HANDLED).isEqualTo(javaTime(s));
        }
    }
}
