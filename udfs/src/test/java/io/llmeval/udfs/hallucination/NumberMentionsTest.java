package io.llmeval.udfs.hallucination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberMentionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "12 quận                | 12         | 12",
        "1,000 people           | 1,000      | 1000 1",
        "1000 people            | 1000       | 1000",
        "1.000 Einwohner        | 1.000      | 1000 1",
        "1,5 Liter              | 1,5        | 1.5",
        "3.14159                | 3.14159    | 3.14159",
        "1,000,000.50 dollars   | 1,000,000.50 | 1000000.5",
        "1.234.567,8 Euro       | 1.234.567,8 | 1234567.8",
        "born 2 March 1991.     | 2          | 2",
        "the 7th time           | 7          | 7",
        "007                    | 007        | 7",
        "12.50                  | 12.50      | 12.5",
        "2.5.2024               | 2.5.2024   | 2.5.2024",
        "١٢ (Arabic-Indic)      | ١٢         | 12",
        // The next two rows hold U+00A0 and U+202F between the digits.
        "1 000 (no-break space) | 1 000      | 1000",
        "1 000,5 (narrow no-break space) | 1 000,5 | 1000.5",
    })
    void readsEveryConsistentValue(String text, String written, String values) {
        NumberMentions.Mention first = NumberMentions.find(text).get(0);
        assertThat(first.text()).isEqualTo(written);
        assertThat(first.values()).isEqualTo(Set.of(values.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "from 1988–1997, I-90 and 45% | 1988 1997 90 45",
        "no numbers here 🙂            | ''",
        "version 1.2.3 and 12 345     | 1.2.3 12 345",
    })
    void findsEveryNumber(String text, String written) {
        List<String> found = NumberMentions.find(text).stream().map(NumberMentions.Mention::text)
                .collect(Collectors.toList());
        assertThat(String.join(" ", found)).isEqualTo(written);
    }
}
