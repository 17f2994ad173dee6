package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import io.llmeval.inference.EmbedderSettings;
import io.llmeval.inference.InferenceOptions;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.jobs.drift.DriftOptions;
import io.llmeval.jobs.drift.ReferenceBuilder;
import io.llmeval.jobs.schema.FieldMap;
import io.llmeval.jobs.drift.TextField;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code llm-eval reference}: drift reference datasets. */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = "Build drift reference datasets (embeddings of a baseline slice of traffic).",
        subcommands = ReferenceCommand.Build.class)
public class ReferenceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: build");
    }

    /**
     * {@code llm-eval reference build --input <logs> [--from T --to T] [--field prompt|response] [--max N] --out DIR}.
     */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Embed a baseline slice of traffic as a drift reference.",
                "Reads log records (JSONL, .jsonl.gz, directories) or {\"text\": ...} lines, keeps those in [--from, --to)",
                "that have the field's text, samples at most --max of them (seeded, by request_id) and writes",
                "DIR/reference.json (model, settings, count, time range, keys) and DIR/*.npy (embeddings, token counts)."})
    public static class Build extends BaseCommand {

        @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
                description = "Log files, directories, globs or URIs (as for backfill; .gz read by extension), or a "
                        + "JSON-lines file of {\"text\": ...} lines.")
        List<String> inputs;

        @Option(names = "--from", paramLabel = "ISO-8601", description = "Earliest event time kept (inclusive).")
        String from;

        @Option(names = "--to", paramLabel = "ISO-8601", description = "Latest event time kept (exclusive).")
        String to;

        @Option(names = "--field", paramLabel = "prompt|response", description = "Text to embed (default: prompt).")
        String field = TextField.PROMPT.id();

        @Option(names = "--max", paramLabel = "N", description = "Most rows kept, a uniform sample (default: 10000).")
        int max = ReferenceBuilder.DEFAULT_MAX_ROWS;

        @Option(names = {"--out", "--output"}, required = true, paramLabel = "DIR", description = "Reference directory to write.")
        Path out;

        // No default from InferenceOptions here: picocli builds every command at start-up, and on a cluster
        // (flink run of the job jar) the inference classes are not on the classpath.
        @Option(names = "--max-length", paramLabel = "TOKENS",
                description = "Model input truncation; jobs using the reference must use the same "
                        + "(default: llm-eval.inference.max-length's, 256).")
        Integer maxLength;

        @Option(names = "--field-map", paramLabel = "FILE",
                description = "Read the input as your own JSON records: schema-v1 field -> JSON Pointer (docs/field-maps/).")
        Path fieldMap;

        @Option(names = "--seed", paramLabel = "S", description = "Sampling seed (default: llm-eval.drift.seed's).")
        long seed = DriftOptions.SEED.defaultValue();

        @Override
        protected int execute() throws Exception {
            TextField textField;
            Instant fromTime;
            Instant toTime;
            try {
                textField = TextField.fromId(field);
                fromTime = from == null ? null : Instant.parse(from);
                toTime = to == null ? null : Instant.parse(to);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (max < 2) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max must be at least 2");
            }
            Configuration config = new Configuration();
            if (maxLength != null) {
                config.set(InferenceOptions.MAX_LENGTH, maxLength);
            }
            ReferenceBuilder builder = new ReferenceBuilder(textField, max, seed, DriftOptions.MAX_TEXT_CHARS.defaultValue())
                    .timeRange(fromTime, toTime)
                    .fieldMap(fieldMap == null ? null : FieldMap.load(fieldMap));
            PrintStream progress = new PrintStream(System.err, true, StandardCharsets.UTF_8);
            long started = System.nanoTime();
            ReferenceBuilder.Result result;
            try (SentenceEmbedder embedder = EmbedderSettings.fromConfiguration(config)
                    .build(Runtime.getRuntime().availableProcessors())) {
                result = builder.build(inputs, embedder, progress);
            }
            result.dataset().write(out);
            err().printf("llm-eval reference build: %d %s embeddings (%d distinct texts) of %d eligible in %d lines,"
                            + " %d keys, in %.1f s; skipped %s; wrote %s%n",
                    result.dataset().size(), textField.id(), result.distinctTexts(), result.rowsEligible(),
                    result.linesRead(), result.dataset().keys().size(), (System.nanoTime() - started) / 1e9,
                    result.skipped(), out);
            return ExitCodes.OK;
        }
    }
}
