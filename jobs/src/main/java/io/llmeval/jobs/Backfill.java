package io.llmeval.jobs;

import io.llmeval.jobs.alerts.AlertConfig;
import io.llmeval.jobs.alerts.AlertEvent;
import io.llmeval.jobs.alerts.AlertStage;
import io.llmeval.jobs.backfill.BackfillOptions;
import io.llmeval.jobs.backfill.BackfillPlan;
import io.llmeval.jobs.backfill.BackfillProgress;
import io.llmeval.jobs.backfill.BackfillSummary;
import io.llmeval.jobs.backfill.OutputPolicy;
import io.llmeval.jobs.backfill.PartialFiles;
import io.llmeval.jobs.backfill.UnitStats;
import io.llmeval.jobs.backfill.WorkDir;
import io.llmeval.jobs.drift.DriftPartial;
import io.llmeval.jobs.metrics.DriftGaugeSink;
import io.llmeval.jobs.metrics.PrometheusGaugeSink;
import io.llmeval.jobs.metrics.StageGaugeSink;
import io.llmeval.jobs.otel.TraceSpan;
import io.llmeval.jobs.pipeline.EvalPipeline;
import io.llmeval.jobs.pipeline.KeepTimeRange;
import io.llmeval.jobs.pipeline.PipelineConfig;
import io.llmeval.jobs.pipeline.WindowPartial;
import io.llmeval.jobs.schema.RawLine;
import io.llmeval.jobs.sink.FileOutputs;
import io.llmeval.jobs.source.LogSources;
import io.llmeval.jobs.progress.LocalProgress;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The batch backfill: archived logs evaluated in units of work that survive crashes, then merged into the same
 * output a single pass (or a streaming run) writes. {@code llm-eval backfill} and {@code BackfillJob} run it.
 *
 * <ol>
 *   <li><b>Plan</b> ({@link BackfillPlan}): list the input files in path order, skip date partitions outside
 *       {@code --from/--to}, cut the rest into units of about {@code llm-eval.backfill.unit-size}.</li>
 *   <li><b>Units</b>: one Flink batch job per unit that is not yet committed; each subtask parses, scores and folds its
 *       records into window and drift partials ({@link EvalPipeline#buildPartials}, no shuffle) and writes them with
 *       the unit's dead letters into an attempt directory, which the driver commits ({@link WorkDir}).</li>
 *   <li><b>Finish</b>: one Flink batch job merges every unit's partials per key-window ({@link EvalPipeline#finish})
 *       and writes windows, CSV, alerts and drift verdicts; the units' dead letters are copied beside them;
 *       {@code _SUCCESS} is written last, then the result replaces the output.</li>
 * </ol>
 * A run killed at any point and started again with {@code --resume} and the same arguments reruns only the units
 * not committed, and its output equals an uninterrupted run's. See {@code docs/backfill.md}.
 */
public final class Backfill {

    private static final Duration POLL = Duration.ofSeconds(1);

    private Backfill() {}

    /** How the output directory stands before a run. */
    public enum Start { RUN, ALREADY_COMPLETE }

    /**
     * Checks the output directory against the policy before anything is written (an embedded reference included):
     * a refused run throws {@link io.llmeval.jobs.backfill.OutputInUseException} and leaves everything as it was.
     */
    public static Start prepareOutput(String output, OutputPolicy policy) throws Exception {
        return new WorkDir(output).prepare(policy) ? Start.RUN : Start.ALREADY_COMPLETE;
    }

    /** Where a JSON-lines {@code --reference} is embedded for this output: in the work directory, published with it. */
    public static String referenceBuildDir(String output) throws Exception {
        return new WorkDir(output).referenceDir().toString();
    }

    /** Runs (or resumes) the backfill of {@code settings} after {@link #prepareOutput}; returns what it found. */
    public static BackfillSummary run(EvalJobSettings settings, OutputPolicy policy, BackfillProgress.Listener progress)
            throws Exception {
        long startNanos = System.nanoTime();
        PipelineConfig pipeline = settings.pipeline();
        BackfillOptions options = BackfillOptions.from(settings.flinkConfig());
        WorkDir work = new WorkDir(settings.outputDir());
        BackfillPlan plan = BackfillPlan.of(settings.inputs(), pipeline.timeRange(), options.partitionSlack().toMillis(),
                options.unitBytes(), settings.parallelism() == null ? 1 : settings.parallelism(),
                BackfillOptions.fingerprintSettings(settings.flinkConfig()));
        work.open(plan, policy);

        LocalProgress.Snapshot before = LocalProgress.snapshot();
        long committedBytes = 0;
        long outsideTimeRange = 0;
        try (BackfillCluster cluster = BackfillCluster.open(settings)) {
            for (int i = 0; i < plan.units().size(); i++) {
                BackfillPlan.Unit unit = plan.units().get(i);
                if (!work.isCommitted(unit.id())) {
                    String phase = "unit " + (i + 1) + "/" + plan.units().size();
                    Path attempt = work.newAttempt(unit.id());
                    StreamExecutionEnvironment env = cluster.environment();
                    defineUnit(env, settings, unit, attempt.toString(), options);
                    long unitStart = System.nanoTime();
                    JobExecutionResult result = await(env.executeAsync("llm-eval backfill " + unit.id()), progress, phase,
                            plan.totalBytes(), committedBytes, LocalProgress.snapshot(), before, startNanos);
                    work.commit(unit.id(), new UnitStats(unit.bytes(), outsideTimeRange(result),
                            (System.nanoTime() - unitStart) / 1_000_000));
                }
                committedBytes += unit.bytes();
                outsideTimeRange += work.stats(unit.id()).recordsOutsideTimeRange();
            }
            report(progress, plan.totalBytes(), plan.totalBytes(), before, startNanos, "merging");
            LocalProgress.Snapshot merging = LocalProgress.snapshot();
            if (!work.finalComplete()) {
                work.clearFinal();
                FileOutputs.createLocalDirectories(work.finalDir().toString());
                StreamExecutionEnvironment env = cluster.environment();
                defineFinish(env, settings, work.committed(plan.units(), PARTIAL_WINDOWS),
                        work.committed(plan.units(), PARTIAL_DRIFT), work.committed(plan.units(), PARTIAL_SPANS),
                        work.finalDir().toString());
                await(env.executeAsync("llm-eval backfill: merge"), progress, "merging", plan.totalBytes(),
                        plan.totalBytes(), merging, before, startNanos);
                work.copyDeadLetters(plan.units(), FileOutputs.DEAD_LETTERS_DIR);
                work.markFinalComplete();
            }
        } finally {
            progress.finished();
        }
        BackfillSummary summary = BackfillSummary.of(work.finalDir(), settings.outputDir(), plan, outsideTimeRange,
                Duration.ofNanos(System.nanoTime() - startNanos));
        work.publish();
        return summary;
    }

    static final String PARTIAL_WINDOWS = "window-partials";
    static final String PARTIAL_DRIFT = "drift-partials";
    static final String PARTIAL_SPANS = "spans";

    /** A unit's job: its files → the shared pipeline front → partials and dead letters into {@code attemptDir}. */
    static void defineUnit(StreamExecutionEnvironment env, EvalJobSettings settings, BackfillPlan.Unit unit,
                           String attemptDir, BackfillOptions options) {
        PipelineConfig config = settings.pipeline();
        // Every operator of a unit is chained (no shuffle) and each emits objects it made itself, none keeps a reference
        // it mutates later: handing objects on without a defensive copy is safe, and saves the PojoSerializer copies.
        env.getConfig().enableObjectReuse();

        // The unit's files, in path order, damaged ones included (they end in an unreadable_input dead letter).
        DataStream<RawLine> rawLines = env
                .fromSource(LogSources.files(unit.files().stream().map(f -> new Path(f.path())).toList(),
                        config.parserLimits().maxRecordBytes(), null), WatermarkStrategy.noWatermarks(), "log-files")
                .uid("log-files");

        // Parse, score, fold per key-window on each subtask.
        EvalPipeline.Partials partials = EvalPipeline.buildPartials(rawLines, config, options.maxOpenWindows(),
                options.maxOpenDriftItems());

        // Partials and dead letters into the attempt directory, which the driver commits once the job succeeded.
        partials.windows().sinkTo(PartialFiles.sink(new Path(attemptDir, PARTIAL_WINDOWS), PartialFiles.WINDOWS))
                .name("window-partial-files").uid("window-partial-files");
        partials.deadLetters().sinkTo(FileOutputs.deadLetters(attemptDir)).name("dead-letters").uid("dead-letters");
        if (partials.drift() != null) {
            partials.drift().sinkTo(PartialFiles.sink(new Path(attemptDir, PARTIAL_DRIFT), PartialFiles.DRIFT))
                    .name("drift-partial-files").uid("drift-partial-files");
        }
        if (partials.spans() != null) {
            partials.spans().sinkTo(PartialFiles.sink(new Path(attemptDir, PARTIAL_SPANS), PartialFiles.SPANS))
                    .name("span-files").uid("span-files");
        }
    }

    /** The last job: every unit's partials → merged windows and drift verdicts → the output's files and alerts. */
    static void defineFinish(StreamExecutionEnvironment env, EvalJobSettings settings, List<Path> windowPartialDirs,
                             List<Path> driftPartialDirs, List<Path> spanDirs, String outputDir) {
        PipelineConfig config = settings.pipeline();

        // The partials of every committed unit.
        DataStream<WindowPartial> windowPartials = windowPartialDirs.isEmpty()
                ? env.fromData(List.<WindowPartial>of(), PartialFiles.WINDOWS.type())
                : env.fromSource(PartialFiles.source(windowPartialDirs, PartialFiles.WINDOWS),
                        WatermarkStrategy.noWatermarks(), "window-partials").uid("window-partials");
        DataStream<DriftPartial> driftPartials = config.drift() == null ? null : driftPartialDirs.isEmpty()
                ? env.fromData(List.<DriftPartial>of(), PartialFiles.DRIFT.type())
                : env.fromSource(PartialFiles.source(driftPartialDirs, PartialFiles.DRIFT),
                        WatermarkStrategy.noWatermarks(), "drift-partials").uid("drift-partials");

        DataStream<TraceSpan> spans = !config.spans() ? null : spanDirs.isEmpty()
                ? env.fromData(List.<TraceSpan>of(), PartialFiles.SPANS.type())
                : env.fromSource(PartialFiles.source(spanDirs, PartialFiles.SPANS), WatermarkStrategy.noWatermarks(),
                        "spans").uid("spans");

        // Merged per key-window: the windows and drift verdicts of a single pass; with spans, the stage breakdown.
        EvalPipeline.Finished finished = EvalPipeline.finish(windowPartials, driftPartials, spans, config);

        // Alerts: sql/alerts.sql's rules over each key's windows in time order (a latency alert names its slow stage).
        DataStream<AlertEvent> alerts = AlertStage.build(finished.windows(), finished.driftWindows(), finished.stages(),
                config, AlertConfig.from(settings.flinkConfig()));

        // Sinks: the output layout of every run (dead letters are the units', copied by the driver).
        finished.windows().sinkTo(FileOutputs.windowsJson(outputDir)).name("windows-jsonl").uid("windows-jsonl");
        finished.windows().sinkTo(FileOutputs.windowsCsv(outputDir)).name("windows-csv").uid("windows-csv");
        finished.windows().sinkTo(new PrometheusGaugeSink(config.prometheusMaxKeys())).name("prometheus-gauges")
                .uid("prometheus-gauges");
        alerts.sinkTo(FileOutputs.alerts(outputDir)).name("alerts-jsonl").uid("alerts-jsonl");
        if (finished.driftWindows() != null) {
            finished.driftWindows().sinkTo(FileOutputs.driftJson(outputDir)).name("drift-jsonl").uid("drift-jsonl");
            finished.driftWindows().sinkTo(new DriftGaugeSink(config.prometheusMaxKeys())).name("drift-gauges")
                    .uid("drift-gauges");
        }
        if (finished.stages() != null) {
            finished.stages().sinkTo(FileOutputs.stagesJson(outputDir)).name("stages-jsonl").uid("stages-jsonl");
            finished.stages().sinkTo(new StageGaugeSink(config.prometheusMaxKeys())).name("stage-gauges")
                    .uid("stage-gauges");
            finished.stageDeadLetters().sinkTo(FileOutputs.deadLetters(outputDir)).name("stage-dead-letters")
                    .uid("stage-dead-letters");
        }
    }

    /**
     * Waits for a job, reporting progress every second: bytes of the committed units plus what this job has read since
     * {@code jobStart}; records and dead letters since the run's {@code runStart}.
     */
    private static JobExecutionResult await(JobClient job, BackfillProgress.Listener progress, String phase,
                                            long totalBytes, long committedBytes, LocalProgress.Snapshot jobStart,
                                            LocalProgress.Snapshot runStart, long startNanos) throws Exception {
        // One result future: against a cluster's REST API each call of getJobExecutionResult() starts its own poller.
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        while (true) {
            try {
                return result.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException running) {
                long read = LocalProgress.snapshot().bytes() - jobStart.bytes();
                report(progress, totalBytes, Math.min(totalBytes, committedBytes + read), runStart, startNanos, phase);
            }
        }
    }

    private static void report(BackfillProgress.Listener progress, long totalBytes, long doneBytes,
                               LocalProgress.Snapshot before, long startNanos, String phase) {
        LocalProgress.Snapshot now = LocalProgress.snapshot();
        progress.progress(new BackfillProgress(doneBytes, totalBytes, now.records() - before.records(),
                now.deadLetters() - before.deadLetters(), now.embeddedTexts() - before.embeddedTexts(),
                Duration.ofNanos(System.nanoTime() - startNanos), phase));
    }

    private static long outsideTimeRange(JobExecutionResult result) {
        Object value = result.getAllAccumulatorResults().get(KeepTimeRange.ACCUMULATOR);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
