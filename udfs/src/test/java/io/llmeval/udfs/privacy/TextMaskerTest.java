package io.llmeval.udfs.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TextMasker} on a fixture of secrets and personal data (each replaced by its placeholder) and of
 * near-misses (ids, trace ids, timestamps, versions, numbers, URLs) that must come out unchanged.
 */
class TextMaskerTest {

    static Stream<Arguments> fixture() throws IOException {
        try (InputStream in = TextMaskerTest.class.getResourceAsStream("/privacy/text-masker-fixture.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            return lines.stream().map(line -> {
                String[] columns = line.split("\t", -1);
                return Arguments.of(columns[0], columns[1]);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixture")
    void masksSecretsAndLeavesNearMissesAlone(String input, String expected) {
        assertThat(TextMasker.mask(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixture")
    void maskingTwiceChangesNothingMore(String input, String expected) {
        assertThat(TextMasker.mask(TextMasker.mask(input))).isEqualTo(TextMasker.mask(input));
    }

    @Test
    void fixtureCoversEveryPlaceholder() throws IOException {
        String masked = String.join("\n", fixture().map(a -> (String) a.get()[1]).toList());
        assertThat(masked).contains(TextMasker.API_KEY, TextMasker.EMAIL, TextMasker.SECRET, TextMasker.CARD,
                TextMasker.PHONE);
    }

    /** Random ASCII prose with digits and punctuation: nothing that looks like a secret, nothing masked. */
    @Test
    void ordinaryTextIsLeftAlone() {
        Random random = new Random(7);
        String[] words = {"the", "model", "answered", "in", "1.5", "s", "with", "p95", "of", "812", "ms,", "route",
                "chat", "(eu-west-1)", "at", "12:30", "on", "2026-01-01;", "tokens:", "42", "id", "req-42", "ok."};
        for (int text = 0; text < 2000; text++) {
            StringBuilder sentence = new StringBuilder();
            for (int w = 0; w < 30; w++) {
                sentence.append(words[random.nextInt(words.length)]).append(' ');
            }
            assertThat(TextMasker.mask(sentence.toString())).isEqualTo(sentence.toString());
        }
    }

    @Test
    void luhnChecksum() {
        assertThat(TextMasker.luhn("4111 1111 1111 1111")).isTrue();
        assertThat(TextMasker.luhn("4111-1111-1111-1112")).isFalse();
        assertThat(TextMasker.luhn("79927398713")).isTrue(); // the textbook example
    }

    @Test
    void nullStaysNull() {
        assertThat(TextMasker.mask(null)).isNull();
    }
}
