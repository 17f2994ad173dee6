package io.llmeval.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    @Test
    void classpathFilesPassTheirChecksums() throws IOException {
        assertThat(ModelFiles.classpath().readVerifiedTokenizer()).hasSize(711_661);
    }

    @Test
    void rejectsAFileWithTheWrongChecksum(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(ModelFiles.TOKENIZER_NAME), "{}");
        assertThatThrownBy(() -> ModelFiles.fromDirectory(dir).readVerifiedTokenizer())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("SHA-256 of all-minilm-l6-v2-tokenizer.json from " + dir)
                .hasMessageEndingWith("expected " + ModelFiles.TOKENIZER_SHA256 + " (wrong or corrupted model file)");
    }
}
