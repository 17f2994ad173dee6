package io.llmeval.inference.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.inference.NativeEnvironment;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The lever table of {@code docs/inference.md} ({@code bench/embed-bench.sh levers}): the encoder with mixes of
 * {@link Nd4jOpKernels} and {@link CpuKernels} (and ND4J's fused {@code layer_norm} op), on one thread, over the
 * same 128 length-sorted texts, rounds interleaved; prints sentences per thread-CPU-second of each mix's best
 * round. A benchmark, not a test: it lives here for package access to the kernels and ships in the test-jar.
 *
 * <p>Usage: {@code KernelLevers TEXTS_FILE SET BATCH ROUNDS} (SET: short, mixed or long).
 */
public final class KernelLevers {

    private KernelLevers() {}

    /** Each step of the forward pass from one of the kernel sets. */
    private record Mix(String name, EncoderKernels attention, EncoderKernels norm, EncoderKernels gelu,
            EncoderKernels embedAndPool) implements EncoderKernels {
        @Override
        public void embed(MiniLmWeights weights, PackedBatch batch, INDArray hidden) {
            embedAndPool.embed(weights, batch, hidden);
        }

        @Override
        public void attention(PackedBatch batch, INDArray qkv, INDArray context) {
            attention.attention(batch, qkv, context);
        }

        @Override
        public void addLayerNorm(INDArray x, INDArray residual, INDArray gain, INDArray bias) {
            norm.addLayerNorm(x, residual, gain, bias);
        }

        @Override
        public void gelu(INDArray x) {
            gelu.gelu(x);
        }

        @Override
        public float[][] pool(PackedBatch batch, INDArray hidden) {
            return embedAndPool.pool(batch, hidden);
        }
    }

    /** ND4J's ops, but its fused {@code layer_norm} op at every size (after the residual add). */
    private static final class FusedLayerNorm implements EncoderKernels {
        private final Nd4jOpKernels ops = new Nd4jOpKernels();

        @Override
        public void embed(MiniLmWeights weights, PackedBatch batch, INDArray hidden) {
            ops.embed(weights, batch, hidden);
        }

        @Override
        public void attention(PackedBatch batch, INDArray qkv, INDArray context) {
            ops.attention(batch, qkv, context);
        }

        @Override
        public void addLayerNorm(INDArray x, INDArray residual, INDArray gain, INDArray bias) {
            x.addi(residual);
            Nd4j.exec(new LayerNorm(x, gain, bias, x, true, 1));
        }

        @Override
        public void gelu(INDArray x) {
            ops.gelu(x);
        }

        @Override
        public float[][] pool(PackedBatch batch, INDArray hidden) {
            return ops.pool(batch, hidden);
        }
    }

    public static void main(String[] args) throws Exception {
        Path file = Paths.get(args[0]);
        String set = args[1];
        int batch = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        NativeEnvironment.configureNativeThreads();
        int[][] ids = sortedTexts(file, set, 128);
        EncoderKernels ops = new Nd4jOpKernels();
        EncoderKernels cpu = new CpuKernels();
        List<Mix> mixes = List.of(
                new Mix("ND4J ops only", ops, ops, ops, ops),
                new Mix("ND4J ops, fused layer_norm op", ops, new FusedLayerNorm(), ops, ops),
                new Mix("+ Java GELU", ops, ops, cpu, ops),
                new Mix("+ Java residual/LayerNorm, embedding, pooling", ops, cpu, cpu, cpu),
                new Mix("+ per-sequence OpenBLAS attention, Java softmax (CpuKernels)", cpu, cpu, cpu, cpu));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] best = new double[mixes.size()];
        try (SharedWeights.Lease lease = SharedWeights.acquire(ModelFiles.classpath())) {
            for (int round = 0; round <= rounds; round++) { // round 0 warms up
                for (int m = 0; m < mixes.size(); m++) {
                    MiniLmEncoder encoder = new MiniLmEncoder(lease.weights(), mixes.get(m));
                    long start = threads.getCurrentThreadCpuTime();
                    for (int from = 0; from < ids.length; from += batch) {
                        encoder.encode(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + batch)));
                    }
                    double rate = ids.length / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
                    best[m] = round == 0 ? 0 : Math.max(best[m], rate);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d texts, passes of %d, 1 thread, best of %d rounds, load %s%n", set,
                ids.length, batch, rounds, Files.readString(Paths.get("/proc/loadavg")).trim());
        for (int m = 0; m < mixes.size(); m++) {
            System.out.printf(Locale.ROOT, "| %s | %.1f |%n", mixes.get(m).name(), best[m]);
        }
    }

    private static int[][] sortedTexts(Path file, String set, int count) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = json.readTree(line);
            if (n.get("set").asText().equals(set) && texts.size() < count) {
                texts.add(n.get("text").asText());
            }
        }
        try (MiniLmTokenizer tokenizer = MiniLmTokenizer.create(ModelFiles.classpath().readVerifiedTokenizer(),
                MiniLmTokenizer.DEFAULT_MAX_LENGTH)) {
            int[][] ids = tokenizer.encode(texts);
            Arrays.sort(ids, Comparator.comparingInt(s -> s.length));
            return ids;
        }
    }
}
