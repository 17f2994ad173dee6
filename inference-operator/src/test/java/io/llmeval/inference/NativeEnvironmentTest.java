package io.llmeval.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
