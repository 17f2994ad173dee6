package io.llmeval.bench.embed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import ai.onnxruntime.OrtException;
import io.llmeval.inference.EmbedJsonLines;
import io.llmeval.inference.model.ModelFiles;
import io.llmeval.inference.model.OnnxReference;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole-process baseline of {@code bench/embed-bench.sh process}: a plain ONNX Runtime program that does what
 * {@code llm-eval embed} does, with the same tokenizer, model file, JSON lines reading and writing
 * ({@link EmbedJsonLines}), embedding the texts one at a time (batch 1: no padding, ONNX Runtime's best on
 * mixed lengths without sorting).
 */
@Command(name = "PlainOrtEmbed", mixinStandardHelpOptions = true)
public final class PlainOrtEmbed implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "{\"id\",\"text\"} JSON lines.")
    Path input;

    @Option(names = "--output", required = true, description = "{\"id\",\"embedding\"} JSON lines.")
    Path output;

    @Option(names = "--threads", description = "Intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(names = "--max-length", description = "Token ids per text (default: ${DEFAULT-VALUE}).")
    int maxLength = MiniLmTokenizer.DEFAULT_MAX_LENGTH;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PlainOrtEmbed()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ModelFiles files = ModelFiles.classpath();
        try (MiniLmTokenizer tokenizer = MiniLmTokenizer.create(files.readVerifiedTokenizer(), maxLength);
                OnnxReference session = new OnnxReference(files.readVerifiedOnnx(), threads);
                InputStream in = new BufferedInputStream(Files.newInputStream(input));
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
            long n = new EmbedJsonLines(texts -> oneAtATime(session, tokenizer, texts), 256).run(in, out);
            System.err.println("plain ONNX Runtime: " + n + " texts");
        }
        return 0;
    }

    private static float[][] oneAtATime(OnnxReference session, MiniLmTokenizer tokenizer, List<String> texts) {
        float[][] out = new float[texts.size()][];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = session.embed(new int[][] {tokenizer.encode(texts.get(i))})[0];
            }
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
