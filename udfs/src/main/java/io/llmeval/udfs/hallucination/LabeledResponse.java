package io.llmeval.udfs.hallucination;

import java.util.Objects;

/**
 * One labelled example for {@link HallucinationEvaluation}: a response, its reference and prompt, whether it
 * is hallucinated, and the group it came from (both answers of one HaluEval line share a group, so
 * cross-validation never trains on one and tests on the other).
 */
public record LabeledResponse(String id, String response, String reference, String prompt, boolean hallucinated,
        int group) {

    public LabeledResponse {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(reference, "reference");
    }
}
