package io.llmeval.jobs.drift;

/**
 * What the drift windows need of a request: its id (which decides whether it is sampled), key, event time, the
 * embedded text and its token counts. A Flink POJO.
 */
public class DriftObservation {
    public String requestId;
    public String model;
    public String route;
    public long timestampMillis;
    public String text;
    /** Input tokens, or -1 when the record has none. */
    public long inputTokens;
    /** Output tokens of a successful request, or -1. */
    public long outputTokens;

    public DriftObservation() {}
}
