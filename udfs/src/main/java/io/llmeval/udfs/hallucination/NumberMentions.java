package io.llmeval.udfs.hallucination;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the numbers written in a text and the values each can mean, so that "1,000", "1000" and "1.000"
 * (German) match, and "1,5" matches "1.5".
 *
 * <p>A number is a run of decimal digits (any script: {@link Character#isDigit}), continued by groups of
 * digits after a {@code ','}, {@code '.'}, apostrophe or no-break/thin space. Values are the readings that
 * are consistent: all separators as thousands separators (every group three digits); or the last
 * {@code ','}/{@code '.'} as the decimal point and the earlier separators, of another kind, as thousands
 * separators. So "1,000" reads as 1000 or 1, "1,000.5" as 1000.5, "3.14" as 3.14. Signs, ordinals
 * ("7th" gives 7), units and number words are not interpreted. Values are compared as plain decimal
 * strings without trailing zeros ("12.50" = "12.5", "007" = "7").
 */
final class NumberMentions {

    /** One number: its text as written and the normalised values it can stand for. */
    record Mention(String text, Set<String> values) {
    }

    private NumberMentions() {
    }

    static List<Mention> find(String text) {
        List<Mention> mentions = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!Character.isDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            List<String> groups = new ArrayList<>();
            List<Character> separators = new ArrayList<>();
            StringBuilder group = new StringBuilder();
            i = readDigits(text, i, group);
            groups.add(group.toString());
            while (i + 1 < n && isSeparator(text.charAt(i)) && Character.isDigit(text.codePointAt(i + 1))) {
                char separator = text.charAt(i);
                StringBuilder next = new StringBuilder();
                int end = readDigits(text, i + 1, next);
                boolean decimalCandidate = separator == ',' || separator == '.';
                if (!decimalCandidate && next.length() != 3) {
                    break; // "12 345678" with a thin space: not one number
                }
                separators.add(separator);
                groups.add(next.toString());
                i = end;
            }
            Set<String> values = readings(groups, separators);
            if (!values.isEmpty()) {
                mentions.add(new Mention(text.substring(start, i), values));
            }
        }
        return mentions;
    }

    /** Reads digits from {@code i}, appending their ASCII values to {@code out}; returns the end index. */
    private static int readDigits(String text, int i, StringBuilder out) {
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!Character.isDigit(cp)) {
                break;
            }
            out.append((char) ('0' + Character.digit(cp, 10)));
            i += Character.charCount(cp);
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == '.' || c == '\'' || c == '\u2019' || c == '\u00A0' || c == '\u202F'
                || c == '\u2009';
    }

    private static Set<String> readings(List<String> groups, List<Character> separators) {
        Set<String> values = new LinkedHashSet<>();
        int k = separators.size();
        if (k == 0) {
            values.add(normalise(groups.get(0)));
            return values;
        }
        // All separators group thousands: one kind of separator, every later group three digits.
        boolean allThousands = true;
        for (int j = 0; j < k; j++) {
            allThousands &= groups.get(j + 1).length() == 3 && separators.get(j).equals(separators.get(0));
        }
        if (allThousands) {
            values.add(normalise(String.join("", groups)));
        }
        // The last ',' or '.' is the decimal point; earlier separators (another kind) group thousands.
        char last = separators.get(k - 1);
        if (last == ',' || last == '.') {
            boolean consistent = true;
            for (int j = 0; j < k - 1; j++) {
                consistent &= groups.get(j + 1).length() == 3 && separators.get(j) != last;
            }
            if (consistent) {
                values.add(normalise(String.join("", groups.subList(0, k)) + "." + groups.get(k)));
            }
        }
        if (values.isEmpty()) {
            // No consistent reading ("1.2.3", a version or a date): compare it by its digits only.
            values.add(String.join(".", groups));
        }
        return values;
    }

    private static String normalise(String plain) {
        BigDecimal value = new BigDecimal(plain).stripTrailingZeros();
        return value.signum() == 0 ? "0" : value.toPlainString();
    }
}
