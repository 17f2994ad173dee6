package io.llmeval.bench.drift;

import io.llmeval.bench.BenchFlags;
import io.llmeval.udfs.drift.EmbeddingReference;
import io.llmeval.udfs.drift.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Command(name = "NpyLoadBenchmark", mixinStandardHelpOptions = true,
            description = "Time to load a float32 drift reference from .npy and prepare it.")
    static final class Flags {
        @Option(names = "--rows", description = "Vectors (default ${DEFAULT-VALUE}).")
        int rows = 10_000;
        @Option(names = "--dim", description = "Dimension (default ${DEFAULT-VALUE}).")
        int dim = 384;
        @Option(names = "--reads", description = "Timed reads after the first (default ${DEFAULT-VALUE}).")
        int reads = 20;
        @Option(names = "--file", paramLabel = "FILE", description = "Where the .npy file is written (default ${DEFAULT-VALUE}).")
        Path file = Path.of("bench/target/drift-reference.npy");
    }

    public static void main(String[] args) throws IOException {
        Flags flags = BenchFlags.parse(new Flags(), args);
        int rows = flags.rows;
        int dim = flags.dim;
        int reads = flags.reads;
        Path file = flags.file;
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
