package io.llmeval.udfs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StemCacheTest {

    @Test
    void givesTheStemmersAnswersThroughAndPastItsCapacity() {
        StemCache cache = new StemCache(3);
        String[] words = {"running", "connected", "additionally", "skies", "running", "abbey", "connected"};
        for (int round = 0; round < 3; round++) {
            for (String word : words) {
                assertThat(cache.stem(word)).isEqualTo(PorterStemmer.nltk().stem(word));
            }
        }
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThatThrownBy(() -> new StemCache(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stem cache capacity must be >= 1, got 0");
    }
}
