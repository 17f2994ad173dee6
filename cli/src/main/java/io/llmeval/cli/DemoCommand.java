package io.llmeval.cli;

import io.llmeval.jobs.cli.JobOptions;
import io.llmeval.jobs.cli.LogFile;
import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.cli.demo.ConsoleWindowSink;
import io.llmeval.cli.demo.OutputSummary;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.pipeline.EvalPipeline;
import io.llmeval.jobs.sink.FileOutputs;
import io.llmeval.report.ReportCommand;
import io.llmeval.report.ReportFilter;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code llm-eval demo}: generates about 16 minutes of traffic with one incident of each kind and
 * replays it through the streaming job on an in-process Flink MiniCluster in about two minutes,
 * printing each window as it closes, serving Prometheus metrics, and summarising at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate traffic with incidents and watch the streaming job evaluate it (about two minutes).")
public class DemoCommand extends BaseCommand {

    private static final String MARKER = ".llm-eval-demo";

    @Option(names = "--output", paramLabel = "DIR", description = "Working directory of the demo (default: demo-output).")
    Path output = Path.of("demo-output");

    @Option(names = "--records", paramLabel = "N", description = "Records to generate (default: 19200, 16 minutes at 20/s).")
    long records = 19_200;

    @Option(names = "--replay-rate", paramLabel = "LINES/S", description = "Replay speed in lines per second (default: 180).")
    double replayRate = 180;

    @Option(names = "--seed", paramLabel = "S", description = "Generator seed (default: 7).")
    long seed = 7;

    @Option(names = "--no-drift", description = "Skip drift (no reference is embedded; saves about 20 s).")
    boolean noDrift;

    @Mixin
    JobOptions job;

    @Override
    protected int execute() throws Exception {
        prepare(output);
        GeneratorConfig generatorConfig = new GeneratorConfig(records, seed, GeneratorConfig.DEFAULT_RATE,
                GeneratorConfig.DEFAULT_START, EnumSet.allOf(IncidentType.class), false,
                GeneratorConfig.DEFAULT_RECORDS_PER_FILE, 0.002, GeneratorConfig.DEFAULT_MAX_SHIP_DELAY_MILLIS);
        TrafficGenerator generator = new TrafficGenerator(generatorConfig);
        TrafficGenerator.GeneratorResult generated = generator.writeTo(output);
        out().printf("Generated %d records with incidents %s in %s%n", generated.records(),
                generated.incidents().stream().map(i -> i.type().id() + "@" + i.model() + "/" + i.route()).toList(),
                output.resolve("logs"));
        Path reference = null;
        if (job.reference() == null && !noDrift) {
            // The generator's clean traffic is the drift reference, embedded before the replay starts.
            reference = generator.writeReference(output.resolve(TrafficGenerator.REFERENCE_FILE),
                    TrafficGenerator.DEFAULT_REFERENCE_RECORDS);
            out().println("Embedding the drift reference (" + TrafficGenerator.DEFAULT_REFERENCE_RECORDS
                    + " clean records) with all-MiniLM-L6-v2...");
            out().flush();
        }
        job.defaultsUnlessGiven(1, reference);
        EvalJobSettings settings = job.settings(RuntimeExecutionMode.STREAMING,
                List.of(output.resolve("logs").toString()), output.toString(), null, Duration.ofSeconds(5), replayRate);
        if (settings.localPrometheusPorts() != null) {
            out().println("Prometheus metrics: http://localhost:" + settings.localPrometheusPorts().split("-")[0]
                    + "/metrics (first free port of " + settings.localPrometheusPorts() + ")");
        }
        out().printf("Replaying at %.0f lines/s through the streaming job (Flink MiniCluster)...%s%n%n", replayRate,
                LogFile.note());
        out().flush();

        StreamExecutionEnvironment env = EvalJob.environment(settings);
        EvalJob.Streams streams = EvalJob.define(env, settings);
        EvalPipeline.Outputs outputs = streams.pipeline();
        outputs.windows().sinkTo(new ConsoleWindowSink(generated.incidents())).setParallelism(1).name("console-table");
        outputs.deadLetters().sinkTo(new ConsoleWindowSink.DeadLetters()).setParallelism(1).name("console-dead-letters");
        streams.alerts().sinkTo(new ConsoleWindowSink.Alerts()).setParallelism(1).name("console-alerts");
        FileOutputs.createLocalDirectories(settings.outputDir());
        env.execute("llm-eval demo");

        OutputSummary.print(output, generated.incidents(), out());
        out().println("Outputs: " + output.toAbsolutePath() + "/{windows,windows-csv,dead-letters,alerts"
                + (job.reference() == null ? "" : ",drift") + "}");
        // The run at a glance: one page that opens offline in any browser.
        Path page = output.resolve("report.html");
        ReportCommand.writePage(List.of(output), ReportFilter.NONE, "llm-eval demo", page);
        out().println("Report: " + page.toAbsolutePath());
        return ExitCodes.OK;
    }

    /** Clears a previous demo's directory (recognised by its marker file); refuses any other non-empty one. */
    private static void prepare(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent() && !Files.exists(dir.resolve(MARKER))) {
                    throw new IllegalArgumentException(dir + " is not empty and not a demo directory; choose another --output");
                }
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Files.createFile(dir.resolve(MARKER));
    }
}
