package io.llmeval.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.net.URL;
import java.net.URLClassLoader;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class NativeEnvironmentTest {

    @Test
    void emptiesACacheFilledByOtherVersions(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("VERSION"), "nd4j-0.9 javacpp-1.4\n");
        Files.createDirectories(dir.resolve("javacpp/old-natives.jar"));
        Files.writeString(dir.resolve("javacpp/old-natives.jar/libold.so"), "x");
        NativeEnvironment.prepareCacheDirectory(dir);
        assertThat(dir.resolve("javacpp/old-natives.jar")).doesNotExist();
        assertThat(Files.readString(dir.resolve("VERSION")).trim()).isEqualTo(NativeEnvironment.CACHE_STAMP);
    }

    @Test
    void keepsACacheOfTheSameVersions(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("VERSION"), NativeEnvironment.CACHE_STAMP + "\n");
        Files.createDirectories(dir.resolve("javacpp/current.jar"));
        NativeEnvironment.prepareCacheDirectory(dir);
        assertThat(dir.resolve("javacpp/current.jar")).exists();
    }

    @Test
    void defaultThreadsSplitTheCoresBetweenSlots() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(NativeEnvironment.defaultThreads(1)).isEqualTo(cores);
        assertThat(NativeEnvironment.defaultThreads(cores * 2)).isEqualTo(1);
    }

    @Test
    void choosesTheOneDnnBuildOnlyWhereItIsOnTheClasspathAndNothingElseWasChosen(@TempDir Path dir) throws Exception {
        String previous = System.getProperty(NativeEnvironment.JAVACPP_EXTENSION_PROPERTY);
        Path bindings = dir.resolve("org/nd4j/linalg/cpu/nativecpu/bindings/"
                + NativeEnvironment.javacppPlatform() + "-onednn");
        try (URLClassLoader without = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            System.clearProperty(NativeEnvironment.JAVACPP_EXTENSION_PROPERTY);
            assertThat(NativeEnvironment.selectNativeBuild(without)).isNull();
            assertThat(System.getProperty(NativeEnvironment.JAVACPP_EXTENSION_PROPERTY)).isNull();

            Files.createDirectories(bindings);
            Files.writeString(bindings.resolve(System.mapLibraryName("jnind4jcpu")), "");
            try (URLClassLoader with = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
                assertThat(NativeEnvironment.selectNativeBuild(with)).isEqualTo("-onednn");
                assertThat(System.getProperty(NativeEnvironment.JAVACPP_EXTENSION_PROPERTY)).isEqualTo("-onednn");

                System.setProperty(NativeEnvironment.JAVACPP_EXTENSION_PROPERTY, "-avx2");
                assertThat(NativeEnvironment.selectNativeBuild(with)).isEqualTo("-avx2");
            }
        } finally {
            if (previous == null) {
                System.clearProperty(NativeEnvironment.JAVACPP_EXTENSION_PROPERTY);
            } else {
                System.setProperty(NativeEnvironment.JAVACPP_EXTENSION_PROPERTY, previous);
            }
        }
    }

    @Test
    void theEncoderRunsOnNd4jsOneDnnBuild() throws Exception {
        NativeEnvironment.configureNativeThreads();
        if (Nd4j.getEnvironment().isCPU()) { // the default profile: nd4j-native, classifier linux-x86_64-onednn
            assertThat(Loader.getLoadedLibraries().values())
                    .anySatisfy(path -> assertThat(path).contains("-onednn").contains("jnind4jcpu"));
        }
    }
}
