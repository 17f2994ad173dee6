package io.llmeval.udfs.privacy;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data and credentials in free text with typed placeholders, for texts kept where operators
 * read them (dead letters).
 *
 * <pre>{@code
 * TextMasker.mask("mail bob@example.com, key sk-proj-abcdefghijklmnopqrstuvwx");
 * // "mail <email>, key <api_key>"
 * }</pre>
 *
 * <p>What is replaced, in this order (a match is not looked at again):
 * <ul>
 *   <li>{@value #API_KEY}: vendor key shapes ({@code sk-…} and {@code sk_live_…}, AWS {@code AKIA…}/{@code ASIA…},
 *       GitHub {@code ghp_…}/{@code github_pat_…}, Slack {@code xox?-…}, Google {@code AIza…}), the token after
 *       {@code Bearer} (the word is kept), JSON Web Tokens, and the value of {@code api_key=}, {@code password:},
 *       {@code secret=}, {@code token=} style pairs (the name is kept);</li>
 *   <li>{@value #EMAIL}: {@code local@domain.tld};</li>
 *   <li>{@value #SECRET}: generic secrets, runs of 40 or more hex digits, or of 40 or more base64/base64url
 *       characters that mix upper case, lower case and digits and hold a stretch of 16 without {@code /} or
 *       {@code -} (URL paths and hyphenated slugs are words joined, not secrets). 32-hex-digit runs are left
 *       alone: W3C trace ids have that shape and are what an operator needs to find a request;</li>
 *   <li>{@value #CARD}: 13 to 19 digits starting like a card number (2–6), written together or in the
 *       groups cards print (4-4-4-4, 4-4-4-4-3, American Express 4-6-5, Diners 4-6-4, one kind of separator),
 *       and passing the Luhn check; so epoch milliseconds, order numbers, ids and runs of small numbers stay;</li>
 *   <li>{@value #PHONE}: {@code +} and a country code followed by 6–14 more digits in groups, or North
 *       American {@code (555) 123-4567} / {@code 555-123-4567} / {@code 555.123.4567}. Dates, times,
 *       versions and bare digit runs are not phones.</li>
 * </ul>
 * A regex masker finds shapes, not meaning: a secret of no recognisable shape (a short password in prose)
 * stays, which is why dead letters can also drop the text altogether. Pure and thread-safe.
 */
public final class TextMasker {

    public static final String API_KEY = "<api_key>";
    public static final String EMAIL = "<email>";
    public static final String SECRET = "<secret>";
    public static final String CARD = "<card>";
    public static final String PHONE = "<phone>";

    private record Rule(Pattern pattern, Function<MatchResult, String> replacement) {
    }

    private static final List<Rule> RULES = List.of(
            constant("\\b(?:sk|rk|pk)-(?:proj-|live-|test-|ant-)?[A-Za-z0-9_-]{20,}", API_KEY),
            constant("\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}", API_KEY),
            constant("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b", API_KEY),
            constant("\\bgh[pousr]_[A-Za-z0-9]{30,}|\\bgithub_pat_[A-Za-z0-9_]{22,}", API_KEY),
            constant("\\bxox[abprs]-[A-Za-z0-9-]{10,}", API_KEY),
            constant("\\bAIza[0-9A-Za-z_-]{35}", API_KEY),
            constant("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", API_KEY),
            keepingGroup("(?i)(\\bBearer\\s+)[A-Za-z0-9._~+/-]{12,}=*", API_KEY),
            keepingGroup("(?i)(\\b(?:api[_-]?key|apikey|secret|client[_-]?secret|password|passwd|pwd|token"
                    + "|access[_-]?token|auth[_-]?token)\\\\?\"?\\s*[:=]\\s*\\\\?\"?)[^\\s\"'\\\\,;}&]{6,}", API_KEY),
            constant("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b", EMAIL),
            constant("\\b[0-9a-fA-F]{40,}\\b", SECRET),
            new Rule(Pattern.compile("(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{40,}={0,2}"),
                    m -> looksRandom(m.group()) ? SECRET : m.group()),
            new Rule(Pattern.compile("(?<![\\d.-])(?:[2-6]\\d{12,18}|[2-6]\\d{3}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{3})?"
                    + "|3\\d{3}([ -])\\d{6}\\2\\d{4,5})(?![\\d.]|-\\d)"),
                    m -> luhn(m.group()) ? CARD : m.group()),
            constant("(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?)(?:[ .-]?\\d{2,4}){2,4}(?![\\d.-]?\\d)", PHONE),
            constant("(?<![\\w.+-])(?:\\(\\d{3}\\)\\s?|\\d{3}[.-])\\d{3}[.-]\\d{4}(?![\\w.-]?\\d)", PHONE));

    private TextMasker() {
    }

    /** {@code text} with every match replaced by its placeholder; {@code null} stays {@code null}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(masked);
            if (matcher.find()) {
                masked = matcher.reset().replaceAll(m -> Matcher.quoteReplacement(rule.replacement().apply(m)));
            }
        }
        return masked;
    }

    /** Luhn checksum of the digits of {@code candidate} (separators skipped). */
    static boolean luhn(String candidate) {
        int sum = 0;
        boolean doubled = false;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** Mixes upper case, lower case and digits, with a stretch of 16 or more between {@code /} and {@code -}. */
    private static boolean looksRandom(String run) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        int stretch = 0;
        int longestStretch = 0;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            stretch = c == '/' || c == '-' ? 0 : stretch + 1;
            longestStretch = Math.max(longestStretch, stretch);
        }
        return upper && lower && digit && longestStretch >= 16;
    }

    private static Rule constant(String regex, String placeholder) {
        return new Rule(Pattern.compile(regex), m -> placeholder);
    }

    /** Keeps group 1 (a label such as {@code Bearer } or {@code "api_key": "}) and replaces the rest. */
    private static Rule keepingGroup(String regex, String placeholder) {
        return new Rule(Pattern.compile(regex), m -> m.group(1) + placeholder);
    }
}
