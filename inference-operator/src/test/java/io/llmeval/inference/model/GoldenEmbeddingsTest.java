package io.llmeval.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.llmeval.inference.tokenizer.MiniLmTokenizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The encoder against the golden file of ONNX Runtime embeddings, without ONNX Runtime: what
 * {@code bench/gpu-check.sh} runs on a CUDA build ({@code -Pcuda}), and a cheap check on every CPU build.
 */
class GoldenEmbeddingsTest {

    @Test
    void encoderReproducesTheGoldenEmbeddings() throws Exception {
        List<GoldenEmbeddings.Entry> golden = GoldenEmbeddings.load();
        EncoderParityTest.Deviation deviation = new EncoderParityTest.Deviation();
        ModelFiles files = ModelFiles.classpath();
        try (MiniLmTokenizer tokenizer = MiniLmTokenizer.create(files.readVerifiedTokenizer(), 256);
                SharedWeights.Lease weights = SharedWeights.acquire(files)) {
            MiniLmEncoder encoder = new MiniLmEncoder(weights.weights());
            int[][] ids = golden.stream().map(GoldenEmbeddings.Entry::ids).toArray(int[][]::new);
            for (int i = 0; i < golden.size(); i++) {
                assertThat(tokenizer.encode(golden.get(i).text())).as(golden.get(i).id()).containsExactly(ids[i]);
            }
            float[][] batched = encoder.encode(ids);
            for (int i = 0; i < golden.size(); i++) {
                GoldenEmbeddings.Entry e = golden.get(i);
                deviation.compare(e.id() + " (batch 1)", encoder.encode(new int[][] {e.ids()})[0], e.embedding());
                deviation.compare(e.id() + " (batch " + ids.length + ")", batched[i], e.embedding());
            }
        }
        deviation.assertWithinTolerance("golden file on " + Nd4j.getBackend().getClass().getSimpleName());
    }
}
