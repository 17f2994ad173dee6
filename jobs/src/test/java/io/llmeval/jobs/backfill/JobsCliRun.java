package io.llmeval.jobs.backfill;

import io.llmeval.jobs.cli.LlmEvalJobs;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the job jar's command line ({@code stream}, {@code backfill}): exit code and what it printed. */
record JobsCliRun(int exitCode, String out, String err) {

    static JobsCliRun of(String... args) {
        CommandLine cli = LlmEvalJobs.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new JobsCliRun(code, out.toString(), err.toString());
    }
}
