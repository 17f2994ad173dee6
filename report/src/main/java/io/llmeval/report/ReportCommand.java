package io.llmeval.report;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code llm-eval report --input DIR [--input DIR2] --output report.html [--title T] [--from T --to T]
 * [--model M] [--route R]}: one self-contained HTML page over the output directory of {@code backfill},
 * {@code stream} or {@code demo}; with two inputs, the two runs side by side. Prints the path written.
 *
 * <p>Exit codes as the rest of {@code llm-eval}: 0 written, 2 unusable arguments, 3 unusable input (no such
 * directory, not an output directory, nothing matching the filter), 1 the page could not be written; every failure
 * is one line on stderr. Run as a subcommand of {@code llm-eval} it uses the root's argument error handler;
 * {@link #commandLine()} gives it the same one when run alone.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page (charts inlined, opens offline) of an output directory of",
            "backfill, stream or demo: latency, TTFT, traffic and errors, hallucination rate, drift, alert incidents",
            "and dead letters per model and route, with a summary table. Two --input directories are compared."})
public class ReportCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Output directory of a run (windows/, alerts/, drift/, dead-letters/, stages/); twice to compare two runs.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "HTML file to write.")
    Path output;

    @Option(names = "--title", paramLabel = "TEXT", description = "Page title (default: llm-eval report of the input).")
    String title;

    @Option(names = "--from", paramLabel = "ISO-8601", description = "Keep windows starting at or after this instant.")
    String from;

    @Option(names = "--to", paramLabel = "ISO-8601", description = "Keep windows starting before this instant.")
    String to;

    @Option(names = "--model", paramLabel = "MODEL", description = "Keep this model only.")
    String model;

    @Option(names = "--route", paramLabel = "ROUTE", description = "Keep this route only.")
    String route;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ReportFilter filter;
        try {
            if (inputs.size() > ReportData.LABELS.size()) {
                throw new IllegalArgumentException("--input is given " + inputs.size() + " times; one or two runs");
            }
            filter = new ReportFilter(instant("--from", from), instant("--to", to), model, route);
        } catch (IllegalArgumentException e) {
            err.println("llm-eval: " + e.getMessage() + " (see '" + spec.qualifiedName() + " --help')");
            return USAGE;
        }
        try {
            writePage(inputs, filter, title != null ? title : defaultTitle(), output);
        } catch (UnusableInputException e) {
            err.println("llm-eval: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("llm-eval: cannot write " + output + ": " + e.getMessage());
            return FAILED;
        }
        spec.commandLine().getOut().println("llm-eval report: wrote " + output.toAbsolutePath());
        return OK;
    }

    /**
     * What the command does, for callers such as the demo: reads the output directories (one, or two to compare),
     * and writes their page to {@code page}, creating its folder.
     *
     * @throws UnusableInputException when an input is not an output directory, or the filter leaves nothing of it
     * @throws IOException when the page cannot be written
     */
    public static void writePage(List<Path> inputs, ReportFilter filter, String title, Path page)
            throws UnusableInputException, IOException {
        OutputDirectoryReader reader = new OutputDirectoryReader();
        List<RunOutput> runs = new ArrayList<>();
        for (Path input : inputs) {
            runs.add(reader.read(input));
        }
        ReportData data = ReportData.of(title, runs, filter);
        for (RunReport run : data.runs()) {
            if (run.isEmpty()) {
                throw new UnusableInputException(run.input() + " has no windows, drift windows or alerts"
                        + (filter.describe().isEmpty() ? "" : " matching " + filter.describe()));
            }
        }
        Path parent = page.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(page, HtmlReport.render(data), StandardCharsets.UTF_8);
    }

    private String defaultTitle() {
        return "llm-eval report: " + String.join(" vs ", inputs.stream().map(Path::toString).toList());
    }

    private static Instant instant(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not an ISO-8601 instant such as 2026-01-01T00:05:00Z");
        }
    }

    /** The command alone, with the argument error handling of the {@code llm-eval} root command. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ReportCommand());
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("llm-eval: " + ex.getMessage().lines().findFirst().orElse("invalid arguments")
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
