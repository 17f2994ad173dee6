package io.llmeval.udfs.hallucination;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntitySpansTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Mumbai, the financial capital of India.              | Mumbai;India",
        "It starred Zooey Deschanel and John Goodman.         | It;Zooey Deschanel;John Goodman",
        "The Bank of America and the Lord of the Rings        | The Bank of America;Lord of the Rings",
        "Little House on the Prairie                          | Little House;Prairie",
        "Thủ đô Hà Nội có 12 quận                             | Thủ;Hà Nội",
        "Thành phố Hồ Chí Minh                                | Thành;Hồ Chí Minh",
        "Die Straße in Berlin-Mitte                           | Die Straße;Berlin-Mitte",
        "O'Neil played for the WTA in Washington, D.C.        | O'Neil;WTA;Washington;D;C",
        "lower case only, 🙂 and 12                           | ''",
        "Élodie 🙂 Ørsted                                     | Élodie;Ørsted",
    })
    void findsCapitalisedRuns(String text, String spans) {
        assertThat(String.join(";", EntitySpans.find(text))).isEqualTo(spans);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Hà Nội, ha noi",
        "Đà Nẵng, da nang",
        "Straße, strasse",
        "Zürich, zurich",
        "Delhi, delhi",
    })
    void foldsCaseAndAccents(String text, String folded) {
        assertThat(EntitySpans.fold(text)).isEqualTo(folded);
    }
}
