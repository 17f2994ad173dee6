package io.llmeval.bench.drift;

import io.llmeval.udfs.drift.EmbeddingReference;
import io.llmeval.udfs.drift.Npy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How long loading a drift reference of {@code --rows} × {@code --dim} float32 vectors from a {@code .npy} file
 * takes with {@link Npy#readFloatMatrix} (the loader of {@code ReferenceDataset}), and preparing it as the
 * detector does ({@link EmbeddingReference#subsample} to 1,000 rows, and {@link EmbeddingReference#of} on all rows).
 *
 * <p>Writes seeded random unit vectors (load time does not depend on the values) to {@code --file}, then
 * times the first read in this JVM (class loading and interpreted code included) and {@code --reads} more,
 * as wall clock and the calling thread's CPU time. The file has just been written, so it is in the page cache:
 * this is the load from memory, not from a cold disk.
 *
 * <pre>
 * Usage: NpyLoadBenchmark [--rows 10000] [--dim 384] [--reads 20] [--file bench/target/drift-reference.npy]
 * </pre>
 *
 * <p>Run through {@code bench/drift-power-bench.sh --npy-load}.
 */
public final class NpyLoadBenchmark {

    private NpyLoadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = 10_000;
        int dim = 384;
        int reads = 20;
        Path file = Path.of("bench/target/drift-reference.npy");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--dim" -> dim = Integer.parseInt(args[i + 1]);
                case "--reads" -> reads = Integer.parseInt(args[i + 1]);
                case "--file" -> file = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + "; valid: --rows, --dim, --reads, --file");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("missing value for " + args[args.length - 1]);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Npy.writeFloatMatrix(file, unitVectors(rows, dim, new SplittableRandom(42)));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[reads + 1];
        double[] cpu = new double[reads + 1];
        double[] subsample = new double[reads + 1];
        double[] flatten = new double[reads + 1];
        for (int r = 0; r <= reads; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            float[][] vectors = Npy.readFloatMatrix(file);
            wall[r] = (System.nanoTime() - t0) / 1e6;
            cpu[r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            if (vectors.length != rows || vectors[0].length != dim) {
                throw new IllegalStateException("read back " + vectors.length + " x " + vectors[0].length);
            }
            t0 = System.nanoTime();
            EmbeddingReference.subsample(vectors, 1000, 7);
            subsample[r] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            EmbeddingReference.of(vectors);
            flatten[r] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.printf(Locale.ROOT, "Npy.readFloatMatrix of %d x %d float32 (%s, %.1f MB, in the page cache)%n",
                rows, dim, file, Files.size(file) / 1e6);
        System.out.printf(Locale.ROOT, "First read in the JVM: %.1f ms wall, %.1f ms CPU%n", wall[0], cpu[0]);
        System.out.printf(Locale.ROOT, "Next %d reads: wall median %.1f ms (p95 %.1f), CPU median %.1f ms (p95 %.1f)%n",
                reads, median(wall), p95(wall), median(cpu), p95(cpu));
        System.out.printf(Locale.ROOT, "EmbeddingReference.subsample to 1,000 rows: first %.1f ms, then median %.1f ms; "
                + "EmbeddingReference.of all %d rows: first %.1f ms, then median %.1f ms (wall)%n",
                subsample[0], median(subsample), rows, flatten[0], median(flatten));
    }

    private static float[][] unitVectors(int rows, int dim, SplittableRandom random) {
        float[][] out = new float[rows][dim];
        for (float[] row : out) {
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                double x = random.nextDouble() - 0.5;
                row[k] = (float) x;
                norm += x * x;
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int k = 0; k < dim; k++) {
                row[k] *= scale;
            }
        }
        return out;
    }

    /** Median of the measurements after the first. */
    private static double median(double[] values) {
        double[] rest = Arrays.copyOfRange(values, 1, values.length);
        Arrays.sort(rest);
        return rest[rest.length / 2];
    }

    /** 95th percentile of the measurements after the first. */
    private static double p95(double[] values) {
        double[] rest = Arrays.copyOfRange(values, 1, values.length);
        Arrays.sort(rest);
        return rest[(int) Math.ceil(0.95 * rest.length) - 1];
    }
}
