package io.llmeval.jobs.cli;

import io.llmeval.jobs.EvalJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code llm-eval backfill}: the evaluation pipeline in batch mode over archived logs. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Evaluate archived logs in batch mode (files, directory trees, globs; .jsonl or .jsonl.gz).",
            "Writes OUTPUT/windows/ (JSON lines), OUTPUT/windows-csv/, OUTPUT/dead-letters/ and OUTPUT/alerts/."})
public class BackfillCommand extends BaseCommand {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Log files, directories or globs.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Mixin
    JobOptions job;

    @Override
    protected int execute() throws Exception {
        EvalJob.run(job.settings(RuntimeExecutionMode.BATCH, inputs, output, null, null, 0), "llm-eval backfill");
        err().println("llm-eval backfill: wrote " + output + LogFile.note());
        return ExitCodes.OK;
    }
}
