package io.llmeval.udfs.drift;

/** Whether a drift verdict was given for a window. */
public enum DriftStatus {
    /** Enough samples: score and verdict are set. */
    OK("ok"),
    /** Fewer samples than the minimum: no score and no verdict, rather than a false alarm. */
    INSUFFICIENT_SAMPLES("insufficient_samples");

    private final String label;

    DriftStatus(String label) {
        this.label = label;
    }

    /** The lower-case label used in output rows. */
    public String label() {
        return label;
    }
}
