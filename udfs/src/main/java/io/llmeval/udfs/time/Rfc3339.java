package io.llmeval.udfs.time;

/**
 * The common shape of an RFC 3339 timestamp, {@code YYYY-MM-DD[Tt ]HH:MM:SS[.fraction](Z|z|+HH:MM|-HH:MM)}, read by
 * hand. Every log record carries a timestamp and {@code java.time}'s formatter costs several microseconds per call,
 * a sixth of a backfill's parsing time; this reads the same strings about ten times faster and gives the same
 * result. Anything it does not handle (other shapes, fractions longer than nine digits, offsets beyond what it checks)
 * is left to {@code java.time} by returning {@link #NOT_HANDLED}; {@code Rfc3339Test} compares both on random inputs.
 */
final class Rfc3339 {

    /** The text is not of the shape handled here: ask {@code java.time}. */
    static final long NOT_HANDLED = Long.MIN_VALUE;
    /** The text has the shape but is not a valid time (a 13th month, a 25th hour...). */
    static final long INVALID = -1;

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private Rfc3339() {}

    /** Epoch milliseconds (fraction truncated), {@link #INVALID}, or {@link #NOT_HANDLED}. */
    static long parseMillis(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return NOT_HANDLED;
        }
        char t = s.charAt(10);
        if (t != 'T' && t != 't' && t != ' ') {
            return NOT_HANDLED;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return NOT_HANDLED;
        }
        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int fractionDigits = i - start;
            if (fractionDigits == 0 || fractionDigits > 9) {
                return NOT_HANDLED;
            }
            for (int k = 0; k < 3; k++) {
                millis = millis * 10 + (k < fractionDigits ? s.charAt(start + k) - '0' : 0);
            }
        }
        if (i >= n) {
            return NOT_HANDLED;
        }
        int offsetMinutes;
        char zone = s.charAt(i);
        if ((zone == 'Z' || zone == 'z') && i + 1 == n) {
            offsetMinutes = 0;
        } else if ((zone == '+' || zone == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMins = digits(s, i + 4, 2);
            if (offsetHours < 0 || offsetMins < 0 || offsetHours > 17 || offsetMins > 59) {
                return NOT_HANDLED; // java.time decides (it allows up to +-18:00)
            }
            offsetMinutes = (zone == '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
        } else {
            return NOT_HANDLED;
        }
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return INVALID;
        }
        long days = daysFromCivil(year, month, day);
        long seconds = days * 86_400L + hour * 3_600L + minute * 60L + second - offsetMinutes * 60L;
        return seconds * 1_000L + millis;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The number written by {@code count} digits at {@code from}, or -1 if one of them is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
