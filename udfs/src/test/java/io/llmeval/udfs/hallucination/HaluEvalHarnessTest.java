package io.llmeval.udfs.hallucination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmeval.udfs.text.TokenizerMode;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The evaluation harness on the HaluEval development file: the combined score must reach AUROC 0.95. */
class HaluEvalHarnessTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerMode.class)
    void combinedScoreSeparatesHallucinatedAnswers(TokenizerMode mode) {
        List<LabeledResponse> examples = HaluEvalData.examples();
        assertThat(examples).hasSize(1000);
        HallucinationEvaluation.Report report = HallucinationEvaluation.evaluate(examples,
                HallucinationScorer.builder().tokenizerMode(mode).build(), 5);
        System.out.println(mode + "\n" + report.table());

        assertThat(report.combined().auroc()).as("combined AUROC").isGreaterThanOrEqualTo(0.95);
        assertThat(report.crossValidatedAuroc()).as("5-fold cross-validated AUROC").isGreaterThanOrEqualTo(0.95);
        // The length artifact: length alone separates well overall but, by construction, not within a length.
        assertThat(report.row(HallucinationEvaluation.LENGTH_BASELINE).lengthMatchedAuroc()).isEqualTo(0.5);
        assertThat(report.combined().lengthMatchedAuroc()).as("length-matched AUROC").isGreaterThan(0.9);
        assertThat(report.row("one_minus_rouge_l_f").auroc()).isLessThan(0.5);
        if (mode == TokenizerMode.ROUGE_SCORE) {
            // The shipped weights are this refit, rounded to two decimals (docs/hallucination.md).
            HallucinationWeights refit = report.refitted();
            HallucinationWeights shipped = HallucinationWeights.DEFAULT;
            assertThat(refit.bias()).isCloseTo(shipped.bias(), within(0.005));
            assertThat(refit.unsupportedRatio()).isCloseTo(shipped.unsupportedRatio(), within(0.005));
            assertThat(refit.unsupportedBigramRatio()).isCloseTo(shipped.unsupportedBigramRatio(), within(0.005));
            assertThat(refit.entityMismatch()).isCloseTo(shipped.entityMismatch(), within(0.005));
            assertThat(refit.numberMismatch()).isCloseTo(shipped.numberMismatch(), within(0.005));
        }
    }
}
