package io.llmeval.jobs.drift;

import io.llmeval.inference.ModelFingerprint;
import io.llmeval.inference.SentenceEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceDatasetTest {

    @TempDir
    Path dir;

    private static ReferenceDataset dataset(ModelFingerprint model) {
        float[][] vectors = new float[5][model.dimension()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i][i] = 1f;
        }
        return new ReferenceDataset(model, TextField.PROMPT, vectors, new int[] {0, 1, 0, -1, 1},
                List.of(new ReferenceDataset.Key("m1", "chat"), new ReferenceDataset.Key("m2", "rag")),
                new long[] {10, 20, 30, -1, 50}, new long[] {-1, 2, 3, -1, 5},
                new ReferenceDataset.Provenance(1_000L, 2_000L, List.of("logs")));
    }

    @Test
    void roundTripsVectorsKeysTokensAndMetadata() throws Exception {
        ModelFingerprint model = SentenceEmbedder.fingerprint(256);
        dataset(model).write(dir);
        ReferenceDataset read = ReferenceDataset.read(dir);
        assertThat(read.model()).isEqualTo(model);
        assertThat(read.field()).isEqualTo(TextField.PROMPT);
        assertThat(read.size()).isEqualTo(5);
        assertThat(read.keys()).containsExactly(new ReferenceDataset.Key("m1", "chat"), new ReferenceDataset.Key("m2", "rag"));
        assertThat(read.provenance()).isEqualTo(new ReferenceDataset.Provenance(1_000L, 2_000L, List.of("logs")));

        ReferenceDataset.Rows m1 = read.rows(new ReferenceDataset.Key("m1", "chat"));
        assertThat(m1.vectors()).hasNumberOfRows(2);
        assertThat(m1.vectors()[1][2]).isEqualTo(1f);
        assertThat(m1.inputTokens()).containsExactly(10, 30);
        assertThat(m1.outputTokens()).containsExactly(3);
        ReferenceDataset.Rows all = read.rows(null);
        assertThat(all.vectors()).hasNumberOfRows(5);
        assertThat(all.inputTokens()).containsExactly(10, 20, 30, 50);

        String metadata = Files.readString(dir.resolve(ReferenceDataset.METADATA_FILE));
        assertThat(metadata).contains("\"id\" : \"sentence-transformers/all-MiniLM-L6-v2\"", "\"max_length\" : 256",
                "\"count\" : 5", "\"from\" : \"1970-01-01T00:00:01Z\"", "\"field\" : \"prompt\"");
    }

    @Test
    void refusesAReferenceOfAnotherModelOrSettings() throws Exception {
        dataset(SentenceEmbedder.fingerprint(128)).write(dir);
        ReferenceDataset read = ReferenceDataset.read(dir);

        assertThatThrownBy(() -> read.requireCompatible(SentenceEmbedder.fingerprint(256), TextField.PROMPT, "reference X"))
                .isInstanceOf(ReferenceDataset.IncompatibleReferenceException.class)
                .hasMessageContaining("reference X was built with another embedding model or settings (max_length 128 vs 256");

        ModelFingerprint otherModel = new ModelFingerprint("BAAI/bge-small-en-v1.5", "abc", "def", 128, 384, "cls", true);
        assertThatThrownBy(() -> read.requireCompatible(otherModel, TextField.PROMPT, "reference X"))
                .hasMessageContaining("model sentence-transformers/all-MiniLM-L6-v2 vs BAAI/bge-small-en-v1.5")
                .hasMessageContaining("weights_sha256")
                .hasMessageContaining("pooling mean vs cls");

        assertThatThrownBy(() -> read.requireCompatible(SentenceEmbedder.fingerprint(128), TextField.RESPONSE, "reference X"))
                .hasMessageContaining("holds prompt embeddings but the job embeds responses");

        read.requireCompatible(SentenceEmbedder.fingerprint(128), TextField.PROMPT, "reference X"); // same settings: fine
    }

    @Test
    void aDirectoryWithoutMetadataIsNotAReference() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ReferenceDataset.read(dir.resolve("empty")))
                .hasMessageContaining("is not a drift reference: reference.json is missing");
    }

    @Test
    void loadsTenThousandVectorsFromNpy() throws Exception {
        ModelFingerprint model = SentenceEmbedder.fingerprint(256);
        float[][] vectors = new float[10_000][384];
        vectors[9_999][383] = 0.5f;
        new ReferenceDataset(model, TextField.PROMPT, vectors, new int[10_000], List.of(new ReferenceDataset.Key("m", "r")),
                new long[10_000], new long[10_000], new ReferenceDataset.Provenance(null, null, List.of())).write(dir);
        ReferenceDataset read = ReferenceDataset.read(dir);
        assertThat(read.size()).isEqualTo(10_000);
        assertThat(read.rows(null).vectors()[9_999][383]).isEqualTo(0.5f);
        assertThat(read.provenance().fromMillis()).isNull();
    }
}
