package io.llmeval.jobs.cli;

import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import org.apache.flink.api.common.RuntimeExecutionMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** {@code llm-eval stream}: the evaluation pipeline in streaming mode. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Evaluate logs as a stream: watch directories for new files, or read bounded input with --bounded.",
            "Writes OUTPUT/windows/, OUTPUT/windows-csv/ and OUTPUT/dead-letters/ (committed on checkpoints)."})
public class StreamCommand extends BaseCommand {

    /** Where records come from. Kafka is added by the infrastructure work; files work today. */
    enum SourceKind { files }

    @Option(names = "--source", paramLabel = "KIND", description = "Record source: ${COMPLETION-CANDIDATES} (default: files).")
    SourceKind source = SourceKind.files;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Log files, directories or globs.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--bounded", description = "Read the input once and finish, instead of watching it.")
    boolean bounded;

    @Option(names = "--monitor-interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How often watched directories are scanned for new files (default: 10s).")
    Duration monitorInterval = Duration.ofSeconds(10);

    @Option(names = "--checkpoint-interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Checkpoint interval; output files become visible on checkpoints (default: 10s).")
    Duration checkpointInterval = EvalJobSettings.DEFAULT_CHECKPOINT_INTERVAL;

    @Mixin
    JobOptions job;

    @Override
    protected int execute() throws Exception {
        EvalJob.run(job.settings(RuntimeExecutionMode.STREAMING, inputs, output, bounded ? null : monitorInterval,
                checkpointInterval, 0), "llm-eval stream");
        err().println("llm-eval stream: wrote " + output);
        return ExitCodes.OK;
    }
}
