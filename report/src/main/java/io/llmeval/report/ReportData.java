package io.llmeval.report;

import java.util.List;

/**
 * Everything the page embeds: one {@link RunReport} per input and, with two inputs, their {@link Comparison}.
 * The page computes nothing the table shows; it formats these numbers and draws the series.
 */
public record ReportData(String title, ReportFilter filter, List<RunReport> runs, Comparison comparison) {

    /** Labels of the runs on the page, in input order. */
    static final List<String> LABELS = List.of("A", "B");

    public static ReportData of(String title, List<RunOutput> inputs, ReportFilter filter) {
        if (inputs.isEmpty() || inputs.size() > LABELS.size()) {
            throw new IllegalArgumentException("one or two inputs, got " + inputs.size());
        }
        List<RunReport> runs = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            runs.add(RunReport.of(LABELS.get(i), inputs.get(i), filter));
        }
        return new ReportData(title, filter, List.copyOf(runs),
                runs.size() == 2 ? Comparison.of(runs.get(0), runs.get(1)) : null);
    }
}
