package io.llmeval.report;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnsTest {

    @Test
    void writesColumnsRoundedWithMissingValuesAsNull() throws Exception {
        Columns columns = new Columns(3)
                .add("t", new double[] {1767225600000.0, 1767225660000.0, 1767225720000.0}, 0)
                .add("ms", new double[] {1587.9444798860757, Double.NaN, 2.0}, 1)
                .add("rate", new double[] {0.011235955056179775, 0, Double.POSITIVE_INFINITY}, 6);

        assertThat(JsonMapper.builder().build().writeValueAsString(columns)).isEqualTo(
                "{\"t\":[1767225600000,1767225660000,1767225720000],\"ms\":[1587.9,null,2],\"rate\":[0.011236,0,null]}");
    }

    @Test
    void everyColumnHasOneValuePerRow() {
        assertThatThrownBy(() -> new Columns(2).add("x", new double[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has 1 values, expected 2");
    }
}
