package io.llmeval.cli;

import io.llmeval.jobs.backfill.BackfillProgress;
import io.llmeval.jobs.cli.BackfillCommand;
import picocli.CommandLine.Command;

/**
 * {@code llm-eval backfill} as {@code bin/llm-eval} runs it: the job jar's command, with a live progress line when the
 * process runs on a terminal (plain lines every 10 s otherwise, as in {@code flink run}).
 */
@Command(name = "backfill")
public class LocalBackfillCommand extends BackfillCommand {

    @Override
    protected BackfillProgress.Listener progress() {
        return System.console() != null ? new TerminalProgress() : super.progress();
    }
}
