package io.llmeval.bench.drift;

import io.llmeval.udfs.drift.DriftMethod;
import io.llmeval.udfs.drift.DriftMethods;
import io.llmeval.udfs.drift.DriftResult;
import io.llmeval.udfs.drift.EmbeddingReference;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The measuring loop of the drift power benchmarks, whatever the embeddings are: for each window size and
 * each condition (no drift, then each shift) it draws {@code trials} windows from a {@link WindowSource},
 * runs every method on each window with its threshold and one fixed seed, as the job does, counts
 * detections and times each call as the calling thread's CPU time (every method runs on the calling
 * thread) and as wall-clock time.
 *
 * <pre>{@code
 * PowerRun run = PowerRun.run(reference, settings, (size, shift, random) -> window(size, shift, random));
 * run.printTable(System.out);
 * }</pre>
 *
 * <p>Before the measured windows, the first call of each method (which fills the reference's caches) is
 * timed on its own and a few no-drift windows warm the JIT.
 */
final class PowerRun {

    /** Draws one window of {@code size} rows of which {@code round(shift * size)} have drifted. */
    interface WindowSource {
        float[][] window(int size, double shift, SplittableRandom random);
    }

    /** What to measure: {@code thresholds} overrides the methods' defaults by id. */
    record Settings(int trials, int[] sizes, double[] shifts, List<DriftMethod> methods,
            Map<String, Double> thresholds, long seed, long detectorSeed) {

        double threshold(DriftMethod method) {
            return thresholds.getOrDefault(method.id(), method.defaultThreshold());
        }
    }

    /** The flags both power benchmarks take (a picocli mixin), with their defaults. */
    static final class CommonFlags {
        @Option(names = "--trials", description = "Windows per cell (default ${DEFAULT-VALUE}).")
        int trials = 100;
        @Option(names = "--sizes", split = ",", paramLabel = "N,...", description = "Window sizes (default 100,500).")
        int[] sizes = {100, 500};
        @Option(names = "--shifts", split = ",", paramLabel = "S,...",
                description = "Drifted shares of a window (default 0.05,0.1,0.2,0.5).")
        double[] shifts = {0.05, 0.10, 0.20, 0.50};
        @Option(names = "--methods", split = ",", paramLabel = "ID,...", description = "Drift methods (default all).")
        List<DriftMethod> methods = DriftMethods.all();
        @Option(names = "--thresholds", split = ",", paramLabel = "ID=VALUE,...",
                description = "Thresholds overriding the methods' defaults.")
        Map<String, Double> thresholds = new LinkedHashMap<>();

        /** The thresholds keyed by each method's canonical id (an unknown id fails naming the valid ones). */
        Map<String, Double> thresholdsById() {
            Map<String, Double> byId = new LinkedHashMap<>();
            thresholds.forEach((id, value) -> byId.put(DriftMethods.get(id).id(), value));
            return byId;
        }
    }

    /** Detections and call times of one method in one (size, condition) cell. */
    static final class Cell {
        int detections;
        int windows;
        final List<Double> millis = new ArrayList<>();
        final List<Double> cpuMillis = new ArrayList<>();
        final List<Double> processCpuMillis = new ArrayList<>();

        double rate() {
            return (double) detections / windows;
        }
    }

    private static final int WARM_UP_ROUNDS = 5;

    private final Settings settings;
    /** Index 0 is the no-drift condition, then {@code settings.shifts()} in order. */
    private final double[] conditions;
    private final Cell[][][] cells;
    private final List<String> firstCalls = new ArrayList<>();

    private PowerRun(Settings settings) {
        this.settings = settings;
        this.conditions = new double[settings.shifts().length + 1];
        System.arraycopy(settings.shifts(), 0, conditions, 1, settings.shifts().length);
        this.cells = new Cell[settings.methods().size()][settings.sizes().length][conditions.length];
        for (Cell[][] bySize : cells) {
            for (Cell[] byCondition : bySize) {
                for (int c = 0; c < byCondition.length; c++) {
                    byCondition[c] = new Cell();
                }
            }
        }
    }

    static PowerRun run(EmbeddingReference reference, Settings settings, WindowSource source) {
        PowerRun run = new PowerRun(settings);
        run.warmUp(reference, source);
        run.measure(reference, source);
        return run;
    }

    /** Times each method's first call (it fills the reference's caches), then warms the JIT. */
    private void warmUp(EmbeddingReference reference, WindowSource source) {
        int[] sizes = settings.sizes();
        SplittableRandom random = new SplittableRandom(settings.seed() + 3);
        for (DriftMethod method : settings.methods()) {
            float[][] window = source.window(sizes[sizes.length - 1], 0, random);
            long t0 = System.nanoTime();
            method.function().compute(reference, window, settings.threshold(method), settings.detectorSeed());
            firstCalls.add(String.format(Locale.ROOT, "%s %.0f ms", method.id(), (System.nanoTime() - t0) / 1e6));
        }
        for (int w = 0; w < WARM_UP_ROUNDS; w++) {
            for (int size : sizes) {
                float[][] window = source.window(size, 0, random);
                for (DriftMethod method : settings.methods()) {
                    method.function().compute(reference, window, settings.threshold(method), settings.detectorSeed());
                }
            }
        }
    }

    private void measure(EmbeddingReference reference, WindowSource source) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int s = 0; s < settings.sizes().length; s++) {
            int size = settings.sizes()[s];
            for (int c = 0; c < conditions.length; c++) {
                for (int trial = 0; trial < settings.trials(); trial++) {
                    SplittableRandom random = new SplittableRandom(
                            settings.seed() * 1_000_003L + size * 10_007L + c * 101L + trial);
                    float[][] window = source.window(size, conditions[c], random);
                    for (int m = 0; m < settings.methods().size(); m++) {
                        DriftMethod method = settings.methods().get(m);
                        long processCpu0 = process.getProcessCpuTime();
                        long cpu0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        DriftResult result = method.function().compute(reference, window,
                                settings.threshold(method), settings.detectorSeed());
                        double millis = (System.nanoTime() - t0) / 1e6;
                        double cpuMillis = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
                        double processCpuMillis = (process.getProcessCpuTime() - processCpu0) / 1e6;
                        Cell cell = cells[m][s][c];
                        cell.windows++;
                        cell.millis.add(millis);
                        cell.cpuMillis.add(cpuMillis);
                        cell.processCpuMillis.add(processCpuMillis);
                        if (result.driftDetected()) {
                            cell.detections++;
                        }
                    }
                }
                System.err.printf(Locale.ROOT, "done: n=%d shift=%.2f%n", size, conditions[c]);
            }
        }
    }

    /** The cell of method {@code m}, size index {@code s}, condition {@code c} (0 = no drift). */
    Cell cell(int m, int s, int c) {
        return cells[m][s][c];
    }

    /** One line: each method's threshold. */
    String thresholdsLine() {
        StringBuilder line = new StringBuilder("Thresholds:");
        for (DriftMethod method : settings.methods()) {
            line.append(String.format(Locale.ROOT, " %s %s", method.id(), settings.threshold(method)));
        }
        return line.toString();
    }

    /** One line: each method's first call, which fills the reference's caches. */
    String firstCallsLine() {
        return "First call per method (fills the reference caches): " + String.join(", ", firstCalls);
    }

    /** The results as a Markdown table, one row per method and window size, times over all conditions. */
    void printTable(PrintStream out) {
        StringBuilder header = new StringBuilder("| Method | Window n | False alarms (no drift) |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (double shift : settings.shifts()) {
            header.append(String.format(Locale.ROOT, " Detected at %.0f%% shift |", shift * 100));
            rule.append("---|");
        }
        header.append(" CPU ms per window, median (p95) | Wall ms, median (p95) |");
        rule.append("---|---|");
        out.println(header);
        out.println(rule);
        for (int m = 0; m < settings.methods().size(); m++) {
            for (int s = 0; s < settings.sizes().length; s++) {
                StringBuilder row = new StringBuilder();
                row.append("| ").append(settings.methods().get(m).id()).append(" | ").append(settings.sizes()[s]);
                List<Double> allMillis = new ArrayList<>();
                List<Double> allCpuMillis = new ArrayList<>();
                for (int c = 0; c < conditions.length; c++) {
                    Cell cell = cells[m][s][c];
                    row.append(String.format(Locale.ROOT, " | %.0f%%", 100 * cell.rate()));
                    allMillis.addAll(cell.millis);
                    allCpuMillis.addAll(cell.cpuMillis);
                }
                double[] wall = allMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double[] cpu = allCpuMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                row.append(String.format(Locale.ROOT, " | %.0f (%.0f) | %.0f (%.0f) |",
                        median(cpu), p95(cpu), median(wall), p95(wall)));
                out.println(row);
            }
        }
    }

    /**
     * One line: the process's CPU time per call (all threads), mean per method and window size. It exceeds
     * the calling thread's when a method uses other threads (Smile's logistic regression runs parallel
     * streams on training sets of more than 1,000 rows) and also counts GC and JIT threads. The mean, not the
     * median, because the process clock may tick in 10 ms steps (it does on Linux).
     */
    String processCpuLine() {
        StringBuilder line = new StringBuilder("Process CPU ms per window (all threads, GC and JIT included), mean:");
        for (int m = 0; m < settings.methods().size(); m++) {
            for (int s = 0; s < settings.sizes().length; s++) {
                double sum = 0;
                int count = 0;
                for (int c = 0; c < conditions.length; c++) {
                    for (double millis : cells[m][s][c].processCpuMillis) {
                        sum += millis;
                        count++;
                    }
                }
                line.append(String.format(Locale.ROOT, " %s n=%d %.0f;", settings.methods().get(m).id(),
                        settings.sizes()[s], sum / count));
            }
        }
        return line.substring(0, line.length() - 1);
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double p95(double[] sorted) {
        return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }
}
