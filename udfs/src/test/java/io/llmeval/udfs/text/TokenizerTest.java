package io.llmeval.udfs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both tokenizer modes on English, Vietnamese, German, emoji and the characters where case mapping bites. */
class TokenizerTest {

    /** The one parser of tokenizer names (CLI flags, configuration, benchmarks). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"rouge-score, ROUGE_SCORE", "ROUGE_SCORE, ROUGE_SCORE", "' Rouge_Score ', ROUGE_SCORE",
            "unicode, UNICODE", "UNICODE, UNICODE"})
    void parsesIdsAndConstantNames(String name, TokenizerMode expected) {
        assertThat(TokenizerMode.parse(name)).isEqualTo(expected);
        assertThat(TokenizerMode.parse(expected.id())).isEqualTo(expected);
    }

    @Test
    void unknownTokenizerNamesTheValidIds() {
        assertThatThrownBy(() -> TokenizerMode.parse("spaces")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'spaces' is not a tokenizer; valid: rouge-score, unicode");
        assertThatThrownBy(() -> TokenizerMode.parse("spaces", IllegalStateException::new))
                .isInstanceOf(IllegalStateException.class);
    }

    private static final Tokenizer ROUGE = Tokenizer.of(TokenizerMode.ROUGE_SCORE, false);
    private static final Tokenizer ROUGE_STEM = Tokenizer.of(TokenizerMode.ROUGE_SCORE, true);
    private static final Tokenizer UNICODE = Tokenizer.of(TokenizerMode.UNICODE, false);
    private static final Tokenizer UNICODE_STEM = Tokenizer.of(TokenizerMode.UNICODE, true);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Hello, World! It's 2024.        | hello world it s 2024",
        "Hà Nội có 12 quận               | h n i c 12 qu n",
        "Straße                          | stra e",
        "Müller über Äpfel               | m ller ber pfel",
        "I ❤️ NY 🍕!                      | i ny",
        "ＡＢＣ full-width               | full width",
        "İstanbul                        | i stanbul",
        "\u212Aelvin                     | kelvin",
        "snake_case and kebab-case       | snake case and kebab case",
    })
    void rougeScoreModeKeepsOnlyAsciiLettersAndDigits(String text, String tokens) {
        assertThat(ROUGE.tokenize(text)).containsExactly(tokens.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Hà Nội có 12 quận               | hà nội có 12 quận",
        "Straße                          | straße",
        "Müller über Äpfel               | müller über äpfel",
        "Mu\u0308ller                    | müller",
        "I ❤️ NY 🍕!                      | i ny",
        "ＡＢＣ full-width               | abc full width",
        "Ελληνικά ΚΕΙΜΕΝΑ                | ελληνικά κειμενα",
        "日本語 テキスト                  | 日本語 テキスト",
        "Hello, World! It's 2024.        | hello world it s 2024",
    })
    void unicodeModeKeepsWordsOfAnyScript(String text, String tokens) {
        assertThat(UNICODE.tokenize(text)).containsExactly(tokens.split(" "));
    }

    @Test
    void stemsOnlyTokensLongerThanThreeCharacters() {
        assertThat(ROUGE_STEM.tokenize("The cats WERE running; was it 1990s?"))
                .containsExactly("the", "cat", "were", "run", "was", "it", "1990");
        // In UNICODE mode non-ASCII words are left alone: the stemmer is English.
        assertThat(UNICODE_STEM.tokenize("Running naïve cafés 1990s"))
                .containsExactly("run", "naïve", "cafés", "1990");
    }

    @Test
    void linesAreSplitOnNewlineOnly() {
        assertThat(ROUGE.tokenizeLines("One line.\n\n   \nTwo lines\r\nthree\rstill three\u2028same"))
                .containsExactly(List.of("one", "line"), List.of("two", "lines"),
                        List.of("three", "still", "three", "same"));
        assertThat(UNICODE.tokenizeLines("\nà b\n\nc\n")).containsExactly(List.of("à", "b"), List.of("c"));
        assertThat(ROUGE.tokenizeLines("")).isEmpty();
        assertThat(ROUGE.tokenize("")).isEmpty();
    }

    @Test
    void scanReportsEveryLineBreak() {
        List<String> events = new ArrayList<>();
        TokenizerMode.ROUGE_SCORE.scan("a\n\nB c", new TokenSink() {
            @Override
            public void token(char[] chars, int start, int end) {
                events.add(new String(chars, start, end - start));
            }

            @Override
            public void lineBreak() {
                events.add("\\n");
            }
        });
        assertThat(events).containsExactly("a", "\\n", "\\n", "b", "c");
    }

    @Test
    void unicodeModeEqualsRougeScoreModeOnAsciiText() {
        Random random = new Random(11L);
        String alphabet = "abcXYZ019 \n\t.,;'-_!?()[]";
        for (int trial = 0; trial < 2000; trial++) {
            char[] chars = new char[random.nextInt(80)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String text = new String(chars);
            assertThat(UNICODE_STEM.tokenizeLines(text)).as(Arrays.toString(chars))
                    .isEqualTo(ROUGE_STEM.tokenizeLines(text));
        }
    }
}
