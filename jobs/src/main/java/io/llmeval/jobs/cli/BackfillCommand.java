package io.llmeval.jobs.cli;

import io.llmeval.jobs.Backfill;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.backfill.BackfillProgress;
import io.llmeval.jobs.backfill.BackfillSummary;
import io.llmeval.jobs.backfill.OutputInUseException;
import io.llmeval.jobs.backfill.OutputPolicy;
import io.llmeval.jobs.backfill.PlainProgressLines;
import io.llmeval.jobs.drift.DriftOptions;
import io.llmeval.jobs.pipeline.PipelineOptions;
import io.llmeval.jobs.pipeline.TimeRange;
import org.apache.flink.api.common.RuntimeExecutionMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/**
 * {@code llm-eval backfill}: the evaluation pipeline in batch mode over archived logs, in units of work that survive a
 * crash ({@code --resume}), into an output that is never silently mixed with another run's.
 *
 * <pre>
 * llm-eval backfill --input PATH... --output DIR [--overwrite | --resume] [--from T] [--to T]
 *                   [--drift-window DURATION] [--drift-sample N] [job options]
 * </pre>
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Evaluate archived logs in batch mode (files, directory trees, globs; .jsonl or .jsonl.gz).",
            "Writes OUTPUT/windows/ (JSON lines), OUTPUT/windows-csv/, OUTPUT/dead-letters/, OUTPUT/alerts/ and, with a",
            "reference, OUTPUT/drift/; OUTPUT/_SUCCESS last. Damaged input files become unreadable_input dead letters.",
            "A non-empty OUTPUT is refused unless --overwrite or --resume."})
public class BackfillCommand extends BaseCommand {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Log files, directories or globs.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--overwrite",
            description = "Replace a non-empty OUTPUT; the old output stays intact until the new run has succeeded.")
    boolean overwrite;

    @Option(names = "--resume",
            description = "Finish an interrupted run into OUTPUT (same arguments): only the units not yet committed run.")
    boolean resume;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Keep records at or after this RFC 3339 time; date-partitioned files before it are not opened.")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Keep records before this RFC 3339 time; date-partitioned files after it are not opened.")
    String to;

    @Option(names = "--drift-window", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Drift window length with --reference (default: 5min; 1h is the norm for backfills).")
    Duration driftWindow;

    @Option(names = "--drift-sample", paramLabel = "N",
            description = "Texts embedded per drift window with --reference (default: 500).")
    Integer driftSample;

    @Mixin
    JobOptions job;

    @Override
    protected int execute() throws Exception {
        OutputPolicy policy = policy();
        try {
            TimeRange.parse(from, to);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        putIfGiven(PipelineOptions.TIME_RANGE_FROM.key(), from);
        putIfGiven(PipelineOptions.TIME_RANGE_TO.key(), to);
        putIfGiven(DriftOptions.WINDOW_SIZE.key(), driftWindow == null ? null : driftWindow.toMillis() + " ms");
        putIfGiven(DriftOptions.SAMPLE_SIZE.key(), driftSample == null ? null : driftSample.toString());
        try {
            if (Backfill.prepareOutput(output, policy) == Backfill.Start.ALREADY_COMPLETE) {
                err().println("llm-eval backfill: nothing to resume: " + output + " is complete (it has _SUCCESS)");
                return ExitCodes.OK;
            }
            EvalJobSettings settings = job.settings(RuntimeExecutionMode.BATCH, inputs, output, null, null, 0,
                    Backfill.referenceBuildDir(output));
            BackfillSummary summary = Backfill.run(settings, policy, progress());
            if (summary.damagedFilesWarning() != null) {
                err().println(summary.damagedFilesWarning());
            }
            List<String> lines = summary.lines();
            err().println(lines.get(0) + LogFile.note());
            lines.subList(1, lines.size()).forEach(err()::println);
            return ExitCodes.OK;
        } catch (OutputInUseException e) {
            throw usage(e.getMessage());
        }
    }

    /**
     * Where progress goes: a plain line every 10 s on stderr. The {@code llm-eval} command line draws a live line
     * instead when stderr is a terminal.
     */
    protected BackfillProgress.Listener progress() {
        return new PlainProgressLines(err(), Duration.ofSeconds(10));
    }

    private OutputPolicy policy() {
        if (overwrite && resume) {
            throw usage("--overwrite and --resume contradict each other");
        }
        return overwrite ? OutputPolicy.OVERWRITE : resume ? OutputPolicy.RESUME : OutputPolicy.FRESH;
    }

    private void putIfGiven(String key, String value) {
        if (value != null) {
            job.conf.put(key, value);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
