package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import io.llmeval.inference.EmbedJsonLines;
import io.llmeval.inference.SentenceEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code llm-eval embed}: sentence embeddings (all-MiniLM-L6-v2 on ND4J) for JSON lines of texts. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embed texts with all-MiniLM-L6-v2 (384 dimensions, mean pooling, L2 norm) on ND4J.",
            "Reads {\"id\",\"text\"} JSON lines, writes {\"id\",\"embedding\":[...]} in input order."})
public class EmbedCommand extends BaseCommand {

    @Option(names = "--max-length", paramLabel = "N",
            description = "Tokens per text before truncation, at most 512 (default: 256, the model's own setting).")
    int maxLength = 256;

    @Option(names = "--input", paramLabel = "FILE", description = "Input file (default: stdin).")
    Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "Output file (default: stdout).")
    Path output;

    @Option(names = "--chunk", paramLabel = "N", description = "Texts embedded per call (default: 256).")
    int chunk = 256;

    @Override
    protected int execute() throws Exception {
        if (maxLength < 1 || maxLength > 512) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-length must be in [1, 512]");
        }
        if (input != null && !Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input does not exist: " + input);
        }
        try (SentenceEmbedder embedder = SentenceEmbedder.builder().maxLength(maxLength).build();
             InputStream in = input == null ? System.in : new BufferedInputStream(Files.newInputStream(input));
             OutputStream out = output == null ? System.out : new BufferedOutputStream(Files.newOutputStream(output))) {
            long embedded = new EmbedJsonLines(embedder, chunk).run(in, out);
            out.flush();
            err().println("llm-eval embed: " + embedded + " texts");
        }
        return ExitCodes.OK;
    }
}
