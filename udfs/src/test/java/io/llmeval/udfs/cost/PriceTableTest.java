package io.llmeval.udfs.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cost of requests under a price table, against hand-computed values (USD per million tokens × tokens). */
class PriceTableTest {

    static final String TABLE = """
            # prices in USD per million tokens
            - match: 'gpt-4o-mini'
              input_per_mtok: 0.15
              output_per_mtok: 0.60
              cache_read_per_mtok: 0.075
              since: 2024-07-18
            - match: 'claude-3-5-sonnet-\\d{8}'
              input_per_mtok: 3
              output_per_mtok: 15
              cache_read_per_mtok: 0.30
              cache_write_per_mtok: 3.75
            - {match: 'gpt-4o', input_per_mtok: 5, output_per_mtok: 15, since: '2024-05-13'}
            - {match: 'gpt-4o', input_per_mtok: 2.50, output_per_mtok: 10, cache_read_per_mtok: 1.25, since: '2024-10-02T00:00:00Z'}
            - {match: 'gpt-4o', input_per_mtok: 99, output_per_mtok: 99, since: '2024-10-02T02:00:00+02:00'}
            - {match: 'llama-.*', input_per_mtok: 0.1, output_per_mtok: 0.1}
            - {match: 'llama-3.1-8b-instruct', input_per_mtok: 0.05, output_per_mtok: 0.08, since: 2025-01-01}
            - {match: 'tiny', input_per_mtok: 0.0000015, output_per_mtok: 0.0000025}
            """;

    static final PriceTable PRICES = PriceTable.parse(TABLE, "test.yaml");

    /**
     * Hand-computed: Σ tokens × USD/Mtok = µUSD; × 10⁶ = pico-USD. Cache tokens are inside input: priced at their own
     * price and not again as input. Empty cells are absent counts; an empty expectation is "unpriced".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", value = {
        "plain: 1000×0.15 + 500×0.60 = 450 µUSD  | gpt-4o-mini                | 2026-01-01T00:00:00Z | 1000  | 500  |      |       | 450000000",
        "cached: 200×0.15 + 800×0.075 + 200×0.6  | gpt-4o-mini                | 2026-01-01T00:00:00Z | 1000  | 200  | 800  | 0     | 210000000",
        "read+write: 1000×3+6000×.3+3000×3.75+1000×15 | claude-3-5-sonnet-20241022 | 2026-01-01T00:00:00Z | 10000 | 1000 | 6000 | 3000  | 31050000000",
        "whole name only: no date suffix         | claude-3-5-sonnet          | 2026-01-01T00:00:00Z | 100   | 100  |      |       | ",
        "whole name only: prefix                 | xgpt-4o-mini               | 2026-01-01T00:00:00Z | 100   | 100  |      |       | ",
        "before the first since                  | gpt-4o-mini                | 2024-07-17T23:59:59Z | 100   | 100  |      |       | ",
        "old price: 2000×5 + 100×15              | gpt-4o                     | 2024-10-01T23:59:59Z | 2000  | 100  |      |       | 11500000000",
        "at since, tie to the first: 2000×2.5+100×10 | gpt-4o                 | 2024-10-02T00:00:00Z | 2000  | 100  |      |       | 6000000000",
        "no since applies always: 100×0.1+100×0.1 | llama-3.1-8b-instruct     | 2024-06-01T00:00:00Z | 100   | 100  |      |       | 20000000",
        "latest since wins: 100×0.05+100×0.08    | llama-3.1-8b-instruct      | 2025-06-01T00:00:00Z | 100   | 100  |      |       | 13000000",
        "output only                             | gpt-4o-mini                | 2026-01-01T00:00:00Z |       | 10   |      |       | 6000000",
        "no counts: unpriced                     | gpt-4o-mini                | 2026-01-01T00:00:00Z |       |      |      |       | ",
        "cache above input: unpriced             | gpt-4o-mini                | 2026-01-01T00:00:00Z | 1000  | 10   | 900  | 200   | ",
        "rounded half to even: 1.5 → 2           | tiny                       | 2026-01-01T00:00:00Z | 1     | 0    |      |       | 2",
        "rounded half to even: 2.5 → 2           | tiny                       | 2026-01-01T00:00:00Z | 0     | 1    |      |       | 2",
    })
    void costMatchesHandComputation(String name, String model, String time, Long input, Long output, Long cacheRead,
                                    Long cacheWrite, Long expectedPicoUsd) {
        assertThat(PRICES.costPicoUsd(model, Instant.parse(time).toEpochMilli(), input, output, cacheRead, cacheWrite))
                .isEqualTo(expectedPicoUsd);
    }

    @Test
    void missingCachePricesDefaultToTheInputPrice() {
        PriceEntry llama = PRICES.find("llama-3.1-8b-instruct", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        assertThat(llama.cacheReadPerMtok()).isEqualByComparingTo("0.05");
        assertThat(llama.cacheWritePerMtok()).isEqualByComparingTo("0.05");
        assertThat(llama.since()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(PRICES.find("llama-2", 0).since()).isEqualTo(Instant.MIN);
    }

    @Test
    void jsonIsReadAsWell() {
        PriceTable json = PriceTable.parse("[{\"match\": \"m\", \"input_per_mtok\": 0.1, \"output_per_mtok\": 1e0}]", "p.json");

        assertThat(json.entries()).singleElement().satisfies(e -> {
            assertThat(e.inputPerMtok()).isEqualTo(new BigDecimal("0.1"));
            assertThat(e.outputPerMtok()).isEqualByComparingTo("1");
        });
        assertThat(json.costPicoUsd("m", 0, 10L, 1L, null, null)).isEqualTo(2_000_000L);
    }

    @Test
    void theShippedExampleTableParsesAndPricesTheGeneratorsHostedModel() {
        PriceTable defaults = PriceTable.defaults();

        assertThat(defaults.entries()).hasSizeGreaterThanOrEqualTo(4);
        long jan2026 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        assertThat(defaults.costPicoUsd("gpt-4o-mini", jan2026, 1000L, 500L, null, null)).isEqualTo(450_000_000L);
        assertThat(defaults.costPicoUsd("gpt-4o-mini-2024-07-18", jan2026, 1000L, 0L, 1000L, null)).isEqualTo(75_000_000L);
        assertThat(defaults.costPicoUsd("llama-3.1-8b-instruct", jan2026, 1000L, 500L, null, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "- {match: m, inputs_per_mtok: 1, output_per_mtok: 1}                | p.yaml: entry 1: unknown key 'inputs_per_mtok'",
        "- {match: m, input_per_mtok: 1}                                      | p.yaml: entry 1: 'output_per_mtok' is required",
        "- {input_per_mtok: 1, output_per_mtok: 1}                            | p.yaml: entry 1: 'match' is required",
        "- {match: '(', input_per_mtok: 1, output_per_mtok: 1}                | p.yaml: entry 1: 'match' is not a regular expression",
        "- {match: m, input_per_mtok: -1, output_per_mtok: 1}                 | p.yaml: entry 1: 'input_per_mtok' must be a decimal number >= 0, got '-1'",
        "- {match: m, input_per_mtok: 1, output_per_mtok: 1, since: monday}   | p.yaml: entry 1: 'since' must be a date",
        "{match: m}                                                           | p.yaml: expected a list of price entries",
        "- [m, 1, 1]                                                          | p.yaml: entry 1: expected a mapping",
    })
    void unusableTablesAreRejectedNamingEntryAndKey(String yaml, String message) {
        assertThatThrownBy(() -> PriceTable.parse(yaml, "p.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
