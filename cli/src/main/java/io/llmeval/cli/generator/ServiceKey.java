package io.llmeval.cli.generator;

/**
 * A (model, route) pair of the simulated service with its latency profile.
 *
 * @param medianLatencyMs median end-to-end latency of a successful request
 * @param rag whether the route answers from retrieved context (every record then carries a reference)
 */
record ServiceKey(String model, String route, double medianLatencyMs, boolean rag) {}
