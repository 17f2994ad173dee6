package io.llmeval.jobs.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Base of every subcommand: runs {@link #execute()} and returns its exit code. */
public abstract class BaseCommand implements Callable<Integer> {

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    protected abstract int execute() throws Exception;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
