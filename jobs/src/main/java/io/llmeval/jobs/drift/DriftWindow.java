package io.llmeval.jobs.drift;

import io.llmeval.jobs.schema.EventTimestamps;
import io.llmeval.udfs.drift.DriftMethods;
import io.llmeval.udfs.drift.DriftReport;
import io.llmeval.udfs.drift.DriftResult;
import io.llmeval.udfs.drift.DriftStatus;
import io.llmeval.udfs.drift.ScalarDriftResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The drift verdict of one (model, route) window, as written to {@code drift/} and exported to Prometheus.
 * Numbers are {@code NaN} (written as {@code null}) where there is no verdict. {@link #COLUMNS} fixes the output's
 * column names and order: the primary method's verdict, then every method's score, statistic, threshold and
 * verdict, then length drift of prompts and responses.
 */
public class DriftWindow {

    private static final List<String> METHOD_SUFFIXES = List.of("score", "statistic", "threshold", "detected");

    public static final List<String> COLUMNS;

    static {
        List<String> columns = new ArrayList<>(List.of(
                "window_start", "window_end", "model", "route", "drift_field", "drift_status", "drift_method",
                "drift_score", "drift_detected", "drift_statistic", "drift_threshold",
                "drift_sample_count", "drift_seen_count", "drift_reference_size", "drift_reference_scope"));
        for (String method : DriftMethods.ids()) {
            for (String suffix : METHOD_SUFFIXES) {
                columns.add(method + "_" + suffix);
            }
        }
        columns.addAll(List.of(
                "prompt_tokens_drift_score", "prompt_tokens_drift_detected", "prompt_tokens_ks_p_value",
                "response_tokens_drift_score", "response_tokens_drift_detected", "response_tokens_ks_p_value"));
        COLUMNS = Collections.unmodifiableList(columns);
    }

    public long windowStartMillis;
    public long windowEndMillis;
    public String model;
    public String route;
    public String field;
    /** {@code ok} or {@code insufficient_samples}. */
    public String status;
    public String method;
    public double driftScore;
    public boolean driftDetected;
    public double driftStatistic;
    public double driftThreshold;
    public int sampleCount;
    public long seenCount;
    public int referenceSize;
    /** {@code key} when compared with the key's own reference rows, {@code all} otherwise. */
    public String referenceScope;
    /**
     * Per method of {@link DriftMethods#ids()}, in that order: score, statistic, threshold and verdict (1/0);
     * NaN for a method that did not run. A primitive array keeps the type a Flink POJO (no Kryo).
     */
    public double[] methodValues = emptyMethodValues();
    public double promptTokensDriftScore = Double.NaN;
    public Boolean promptTokensDriftDetected;
    public double promptTokensKsPValue = Double.NaN;
    public double responseTokensDriftScore = Double.NaN;
    public Boolean responseTokensDriftDetected;
    public double responseTokensKsPValue = Double.NaN;

    public DriftWindow() {}

    private static double[] emptyMethodValues() {
        double[] values = new double[DriftMethods.ids().size() * METHOD_SUFFIXES.size()];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    /** The verdict (1/0) of method {@code id}, or NaN when it did not run. */
    public double methodDetected(String id) {
        return methodValues[DriftMethods.ids().indexOf(id) * METHOD_SUFFIXES.size() + 3];
    }

    static DriftWindow of(String model, String route, long start, long end, String field, DriftReport report,
                          String referenceScope, ScalarDriftResult promptTokens, ScalarDriftResult responseTokens) {
        DriftWindow w = new DriftWindow();
        w.windowStartMillis = start;
        w.windowEndMillis = end;
        w.model = model;
        w.route = route;
        w.field = field;
        w.status = report.status().label();
        w.method = report.driftMethod();
        w.driftScore = report.driftScore();
        w.driftDetected = report.driftDetected();
        DriftResult primary = report.primary();
        w.driftStatistic = primary == null ? Double.NaN : primary.statistic();
        w.driftThreshold = primary == null ? Double.NaN : primary.threshold();
        w.sampleCount = report.sampleCount();
        w.seenCount = report.seenCount();
        w.referenceSize = report.referenceSize();
        w.referenceScope = referenceScope;
        List<String> ids = DriftMethods.ids();
        report.methods().forEach((id, result) -> {
            int at = ids.indexOf(id) * METHOD_SUFFIXES.size();
            w.methodValues[at] = result.score();
            w.methodValues[at + 1] = result.statistic();
            w.methodValues[at + 2] = result.threshold();
            w.methodValues[at + 3] = result.driftDetected() ? 1 : 0;
        });
        if (promptTokens != null && promptTokens.status() == DriftStatus.OK) {
            w.promptTokensDriftScore = promptTokens.driftScore();
            w.promptTokensDriftDetected = promptTokens.driftDetected();
            w.promptTokensKsPValue = promptTokens.ksPValue();
        }
        if (responseTokens != null && responseTokens.status() == DriftStatus.OK) {
            w.responseTokensDriftScore = responseTokens.driftScore();
            w.responseTokensDriftDetected = responseTokens.driftDetected();
            w.responseTokensKsPValue = responseTokens.ksPValue();
        }
        return w;
    }

    /** The column values in {@link #COLUMNS} order (Long, Double, Boolean, String or null). */
    public Object[] values() {
        List<Object> values = new ArrayList<>(COLUMNS.size());
        values.add(EventTimestamps.format(windowStartMillis));
        values.add(EventTimestamps.format(windowEndMillis));
        values.add(model);
        values.add(route);
        values.add(field);
        values.add(status);
        values.add(method);
        values.add(driftScore);
        values.add(DriftStatus.OK.label().equals(status) ? driftDetected : null);
        values.add(driftStatistic);
        values.add(driftThreshold);
        values.add((long) sampleCount);
        values.add(seenCount);
        values.add((long) referenceSize);
        values.add(referenceScope);
        for (int at = 0; at < methodValues.length; at += METHOD_SUFFIXES.size()) {
            boolean ran = !Double.isNaN(methodValues[at + 3]);
            values.add(methodValues[at]);
            values.add(methodValues[at + 1]);
            values.add(methodValues[at + 2]);
            values.add(ran ? (Boolean) (methodValues[at + 3] == 1) : null);
        }
        values.add(promptTokensDriftScore);
        values.add(promptTokensDriftDetected);
        values.add(promptTokensKsPValue);
        values.add(responseTokensDriftScore);
        values.add(responseTokensDriftDetected);
        values.add(responseTokensKsPValue);
        return values.toArray();
    }
}
