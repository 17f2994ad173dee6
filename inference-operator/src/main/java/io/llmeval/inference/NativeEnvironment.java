package io.llmeval.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide settings of the native libraries behind the encoder: where javacpp (ND4J, OpenBLAS) and DJL
 * (tokenizer) unpack their native code, and how many threads ND4J and OpenBLAS use. See
 * {@code docs/inference.md} ("Threading", "Memory").
 *
 * <pre>{@code
 * NativeEnvironment.configureCaches();          // before the first ND4J or tokenizer call
 * NativeEnvironment.configureNativeThreads();   // single-threaded natives on each calling thread
 * }</pre>
 *
 * <p><b>Caches.</b> When the system property {@value #CACHE_DIR_PROPERTY} or the environment variable
 * {@value #CACHE_DIR_ENV} names a directory, javacpp unpacks into {@code <dir>/javacpp} and DJL into
 * {@code <dir>/djl} (instead of {@code ~/.javacpp/cache} and {@code ~/.djl.ai}); the directory is emptied when it
 * was filled by other library versions, so upgrades do not leave ~400 MB of stale natives behind. Explicit
 * {@code -Dorg.bytedeco.javacpp.cachedir} / {@code -DDJL_CACHE_DIR} settings win. DJL is told to stay offline
 * and not to report usage.
 *
 * <p><b>Native build.</b> The default {@code cpu} profile ships nd4j-native's oneDNN build (classifier
 * {@code linux-x86_64-onednn}); javacpp loads a build with an extension only when told so, so
 * {@link #configureCaches()} sets {@value #JAVACPP_EXTENSION_PROPERTY} to {@value #ONEDNN_EXTENSION} when that
 * build is on the classpath and nobody chose another.
 *
 * <p><b>Threads.</b> ND4J's own thread pool, OpenMP and OpenBLAS each default to every core. Three pools on the same
 * cores, times the task slots of a TaskManager, oversubscribe the CPU badly: OpenBLAS workers spin for a while
 * after every GEMM, and ND4J hands each small element-wise op to a pool thread that then waits for a core (1-2
 * sentences/s instead of 100+ on two cores). The strategy here: every native library runs single-threaded on the
 * thread that calls it (ND4J, OpenMP and OpenBLAS: 1 thread), and an embedder uses several cores by running
 * independent forward passes on several threads of its own ({@code SentenceEmbedder}'s {@code threads} = cores of
 * the TaskManager / its task slots). Set {@code OMP_NUM_THREADS=1} and {@code OPENBLAS_NUM_THREADS=1} in the
 * TaskManager's environment too, so the pools are never created at all. OpenMP's thread count (which oneDNN's
 * GEMMs follow, nd4j's and the dnnl preset's alike: both use the one libgomp that nd4j-native loads) is a setting
 * of each calling thread, so the encoder pins it to 1 on every thread that runs a pass
 * ({@link #singleThreadedOpenMp()}); ND4J's {@code maxThreads} does not reach it.
 */
public final class NativeEnvironment {

    /** System property naming the directory for unpacked native libraries. */
    public static final String CACHE_DIR_PROPERTY = "llm-eval.native.cache-dir";
    /** Environment variable naming the directory for unpacked native libraries. */
    public static final String CACHE_DIR_ENV = "LLM_EVAL_NATIVE_CACHE";

    static final String JAVACPP_CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
    static final String JAVACPP_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String ONEDNN_EXTENSION = "-onednn";
    /** Where nd4j-native's jars keep each build's JNI library ({@code <platform><extension>/}). */
    private static final String ND4J_BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    static final String DJL_CACHE_PROPERTY = "DJL_CACHE_DIR";
    /** Library versions whose natives a cache directory holds; a different stamp means stale content. */
    static final String CACHE_STAMP = "nd4j-1.0.0-M2.1-onednn javacpp-1.5.7 openblas-0.3.19 dnnl-2.5.2 djl-tokenizers-0.38.0";

    private static final Logger LOG = LoggerFactory.getLogger(NativeEnvironment.class);
    private static boolean cachesConfigured;
    private static boolean nativeThreadsConfigured;

    private NativeEnvironment() {}

    /** Applies {@value #CACHE_DIR_PROPERTY} / {@value #CACHE_DIR_ENV} if set; idempotent. */
    public static synchronized void configureCaches() {
        if (cachesConfigured) {
            return;
        }
        String dir = System.getProperty(CACHE_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(CACHE_DIR_ENV);
        }
        if (dir != null && !dir.isBlank()) {
            configureCaches(Paths.get(dir));
        } else {
            selectNativeBuild(NativeEnvironment.class.getClassLoader());
            optOutOfDjlNetwork();
            cachesConfigured = true;
        }
    }

    /**
     * Points the javacpp and DJL caches into {@code base}, emptying it first if it holds natives of other
     * library versions. Must run before the first ND4J or tokenizer call of the JVM to take effect.
     */
    public static synchronized void configureCaches(Path base) {
        prepareCacheDirectory(base);
        setIfAbsent(JAVACPP_CACHE_PROPERTY, base.resolve("javacpp").toString());
        setIfAbsent(DJL_CACHE_PROPERTY, base.resolve("djl").toString());
        selectNativeBuild(NativeEnvironment.class.getClassLoader());
        optOutOfDjlNetwork();
        cachesConfigured = true;
    }

    /** Creates {@code base}, emptying it when its VERSION stamp names other library versions. */
    static void prepareCacheDirectory(Path base) {
        try {
            Files.createDirectories(base);
            Path stamp = base.resolve("VERSION");
            String existing = Files.exists(stamp) ? Files.readString(stamp, StandardCharsets.UTF_8).trim() : null;
            if (!CACHE_STAMP.equals(existing)) {
                if (existing != null) {
                    LOG.info("Removing native libraries of other versions ({}) from {}", existing, base);
                }
                deleteContents(base);
                Files.writeString(stamp, CACHE_STAMP + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare native cache directory " + base, e);
        }
    }

    /**
     * Runs ND4J's ops and OpenBLAS's GEMMs on the calling thread only (one thread each), process-wide and
     * idempotent: parallelism comes from callers on several threads (an embedder's worker threads).
     */
    public static synchronized void configureNativeThreads() {
        if (nativeThreadsConfigured) {
            return;
        }
        configureCaches();
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        nativeThreadsConfigured = true;
        LOG.info("ND4J ops and OpenBLAS GEMMs run single-threaded on each calling thread");
    }

    /**
     * Makes javacpp load nd4j-native's oneDNN build if {@code loader} has it and no extension is set; returns the
     * extension in effect (null: the plain build). Must run before javacpp's {@code Loader} first reads its
     * properties, i.e. before the first ND4J call.
     */
    static String selectNativeBuild(ClassLoader loader) {
        String chosen = System.getProperty(JAVACPP_EXTENSION_PROPERTY);
        if (chosen == null && loader.getResource(ND4J_BINDINGS + javacppPlatform() + ONEDNN_EXTENSION + "/"
                + System.mapLibraryName("jnind4jcpu")) != null) {
            System.setProperty(JAVACPP_EXTENSION_PROPERTY, ONEDNN_EXTENSION);
            chosen = ONEDNN_EXTENSION;
            LOG.info("ND4J loads its oneDNN build ({}{})", javacppPlatform(), ONEDNN_EXTENSION);
        }
        return chosen;
    }

    /** javacpp's name of this platform ({@code linux-x86_64}, {@code macosx-arm64}, ...), as its Loader derives it. */
    static String javacppPlatform() {
        String configured = System.getProperty("org.bytedeco.javacpp.platform");
        if (configured != null) {
            return configured;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("mac") || os.startsWith("darwin") ? "macosx"
                : os.startsWith("windows") ? "windows" : os.replaceAll("\\W", "");
        String archName = switch (arch) {
            case "amd64", "x86-64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            case "i386", "i486", "i586", "i686" -> "x86";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    /**
     * Limits OpenMP to the calling thread for the native calls it makes from now on. OpenMP keeps its thread count
     * per thread (a JVM thread starts with the process default, every core unless {@code OMP_NUM_THREADS} says
     * otherwise), so every thread that runs forward passes calls this; it costs one JNI call.
     */
    public static void singleThreadedOpenMp() {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }

    /** Threads per task slot when none are configured: the JVM's cores divided by its task slots. */
    public static int defaultThreads(int taskSlots) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, taskSlots));
    }

    /** {@link #defaultThreads(int)} for a task: the slots of its TaskManager share the cores. */
    public static int defaultThreads(RuntimeContext task) {
        return defaultThreads(taskSlots(task));
    }

    /** Task slots of the task's TaskManager, or the task's parallelism where the runtime does not say. */
    static int taskSlots(RuntimeContext task) {
        if (task instanceof StreamingRuntimeContext streaming) {
            return streaming.getTaskManagerRuntimeInfo().getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS);
        }
        return task.getTaskInfo().getNumberOfParallelSubtasks();
    }

    private static void optOutOfDjlNetwork() {
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("offline", "true");
        setIfAbsent("ai.djl.offline", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                try (Stream<Path> tree = Files.walk(child)) {
                    for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
