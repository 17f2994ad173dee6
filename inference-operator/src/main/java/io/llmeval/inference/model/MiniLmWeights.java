package io.llmeval.inference.model;

import static io.llmeval.inference.model.MiniLmConfig.HEAD_DIM;
import static io.llmeval.inference.model.MiniLmConfig.HIDDEN;
import static io.llmeval.inference.model.MiniLmConfig.INTERMEDIATE;
import static io.llmeval.inference.model.MiniLmConfig.LAYERS;
import static io.llmeval.inference.model.MiniLmConfig.MAX_POSITIONS;
import static io.llmeval.inference.model.MiniLmConfig.VOCAB;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.CodedInputStream;

/**
 * The model's parameters as ND4J arrays, read from the ONNX export's initializers.
 *
 * <p>The ONNX graph itself is not executed (ND4J's importer cannot import it, see {@code docs/inference.md}); only
 * its initializers are used, by a hand-written encoder ({@link MiniLmEncoder}). Bias and LayerNorm tensors carry
 * their PyTorch names ({@code encoder.layer.3.output.dense.bias}); the matrices are unnamed
 * ({@code onnx::MatMul_787}, stored {@code [in, out]}) and are found through the MatMul node that uses them
 * ({@code /encoder/layer.3/output/dense/MatMul}). The ONNX protobuf classes come with {@code nd4j-api}.
 *
 * <p>At load time the query, key and value projections are concatenated into one {@code [384, 1152]} matrix so that
 * a layer needs one matmul for all three, and the attention scale {@code 1/sqrt(32)} is folded into the query
 * part. Arrays are allocated outside any workspace and are only read afterwards, so one instance can be shared by
 * every thread (every task slot) of a JVM.
 */
public final class MiniLmWeights {

    /** Weights of one transformer layer. */
    public static final class Layer {
        /** {@code [384, 1152]}: query (pre-scaled by 1/sqrt(32)), key, value projections side by side. */
        public final INDArray qkvWeight;
        /** {@code [1152]}. */
        public final INDArray qkvBias;
        public final INDArray attentionOutWeight;
        /** {@code [384]}. */
        public final INDArray attentionOutBias;
        public final INDArray attentionNormGain;
        public final INDArray attentionNormBias;
        /** {@code [384, 1536]}. */
        public final INDArray intermediateWeight;
        /** {@code [1536]}. */
        public final INDArray intermediateBias;
        /** {@code [1536, 384]}. */
        public final INDArray outputWeight;
        /** {@code [384]}. */
        public final INDArray outputBias;
        public final INDArray outputNormGain;
        public final INDArray outputNormBias;

        Layer(INDArray qkvWeight, INDArray qkvBias, INDArray attentionOutWeight, INDArray attentionOutBias,
                INDArray attentionNormGain, INDArray attentionNormBias, INDArray intermediateWeight,
                INDArray intermediateBias, INDArray outputWeight, INDArray outputBias, INDArray outputNormGain,
                INDArray outputNormBias) {
            this.qkvWeight = qkvWeight;
            this.qkvBias = qkvBias;
            this.attentionOutWeight = attentionOutWeight;
            this.attentionOutBias = attentionOutBias;
            this.attentionNormGain = attentionNormGain;
            this.attentionNormBias = attentionNormBias;
            this.intermediateWeight = intermediateWeight;
            this.intermediateBias = intermediateBias;
            this.outputWeight = outputWeight;
            this.outputBias = outputBias;
            this.outputNormGain = outputNormGain;
            this.outputNormBias = outputNormBias;
        }
    }

    /** {@code [30522, 384]}. */
    public final INDArray wordEmbeddings;
    /** {@code [512, 384]}: position embeddings plus the (constant) token-type-0 embedding. */
    public final INDArray positionEmbeddings;
    public final INDArray embeddingNormGain;
    public final INDArray embeddingNormBias;
    public final List<Layer> layers;

    private MiniLmWeights(INDArray wordEmbeddings, INDArray positionEmbeddings, INDArray embeddingNormGain,
            INDArray embeddingNormBias, List<Layer> layers) {
        this.wordEmbeddings = wordEmbeddings;
        this.positionEmbeddings = positionEmbeddings;
        this.embeddingNormGain = embeddingNormGain;
        this.embeddingNormBias = embeddingNormBias;
        this.layers = List.copyOf(layers);
    }

    /** Loads the weights from the checksum-verified ONNX file of {@code files}. */
    public static MiniLmWeights load(ModelFiles files) throws IOException {
        return fromOnnx(files.readVerifiedOnnx());
    }

    /** Parses an all-MiniLM-L6-v2 ONNX export. */
    public static MiniLmWeights fromOnnx(byte[] onnxBytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(onnxBytes);
        // The default protobuf message limit (64 MB) is below the 90 MB model.
        in.setSizeLimit(Integer.MAX_VALUE);
        Onnx.GraphProto graph = Onnx.ModelProto.parseFrom(in).getGraph();
        return new Reader(graph).read();
    }

    /** Frees the off-heap arrays; the weights must not be used afterwards. */
    void close() {
        for (INDArray a : arrays()) {
            a.close();
        }
    }

    private List<INDArray> arrays() {
        List<INDArray> all = new ArrayList<>(List.of(wordEmbeddings, positionEmbeddings, embeddingNormGain,
                embeddingNormBias));
        for (Layer l : layers) {
            all.addAll(List.of(l.qkvWeight, l.qkvBias, l.attentionOutWeight, l.attentionOutBias,
                    l.attentionNormGain, l.attentionNormBias, l.intermediateWeight, l.intermediateBias,
                    l.outputWeight, l.outputBias, l.outputNormGain, l.outputNormBias));
        }
        return all;
    }

    /** Total bytes of the parameters held off-heap. */
    public long sizeInBytes() {
        return arrays().stream().mapToLong(INDArray::length).sum() * Float.BYTES;
    }

    /** Maps tensor and node names of the graph onto the arrays the encoder needs. */
    private static final class Reader {
        private final Map<String, Onnx.TensorProto> initializers = new HashMap<>();
        private final Map<String, String> matMulWeightByNode = new HashMap<>();

        Reader(Onnx.GraphProto graph) {
            for (Onnx.TensorProto t : graph.getInitializerList()) {
                initializers.put(t.getName(), t);
            }
            for (Onnx.NodeProto node : graph.getNodeList()) {
                if (node.getOpType().equals("MatMul") && node.getInputCount() == 2
                        && initializers.containsKey(node.getInput(1))) {
                    matMulWeightByNode.put(node.getName(), node.getInput(1));
                }
            }
        }

        MiniLmWeights read() throws IOException {
            INDArray word = tensor("embeddings.word_embeddings.weight", VOCAB, HIDDEN);
            INDArray position = tensor("embeddings.position_embeddings.weight", MAX_POSITIONS, HIDDEN);
            INDArray tokenTypes = tensor("embeddings.token_type_embeddings.weight", 2, HIDDEN);
            // Every sentence is a single segment: token type 0 everywhere.
            position.addiRowVector(tokenTypes.getRow(0));
            List<Layer> layers = new ArrayList<>(LAYERS);
            for (int i = 0; i < LAYERS; i++) {
                layers.add(layer(i));
            }
            return new MiniLmWeights(word, position, vector("embeddings.LayerNorm.weight", HIDDEN),
                    vector("embeddings.LayerNorm.bias", HIDDEN), layers);
        }

        private Layer layer(int i) throws IOException {
            String p = "encoder.layer." + i + ".";
            String node = "/encoder/layer." + i + "/";
            float scale = (float) (1.0 / Math.sqrt(HEAD_DIM));
            INDArray q = matMulWeight(node + "attention/self/query/MatMul", HIDDEN, HIDDEN).muli(scale);
            INDArray k = matMulWeight(node + "attention/self/key/MatMul", HIDDEN, HIDDEN);
            INDArray v = matMulWeight(node + "attention/self/value/MatMul", HIDDEN, HIDDEN);
            INDArray qBias = tensor(p + "attention.self.query.bias", HIDDEN).muli(scale);
            INDArray kBias = tensor(p + "attention.self.key.bias", HIDDEN);
            INDArray vBias = tensor(p + "attention.self.value.bias", HIDDEN);
            return new Layer(
                    Nd4j.hstack(q, k, v),
                    Nd4j.concat(0, qBias, kBias, vBias),
                    matMulWeight(node + "attention/output/dense/MatMul", HIDDEN, HIDDEN),
                    tensor(p + "attention.output.dense.bias", HIDDEN),
                    vector(p + "attention.output.LayerNorm.weight", HIDDEN),
                    vector(p + "attention.output.LayerNorm.bias", HIDDEN),
                    matMulWeight(node + "intermediate/dense/MatMul", HIDDEN, INTERMEDIATE),
                    tensor(p + "intermediate.dense.bias", INTERMEDIATE),
                    matMulWeight(node + "output/dense/MatMul", INTERMEDIATE, HIDDEN),
                    tensor(p + "output.dense.bias", HIDDEN),
                    vector(p + "output.LayerNorm.weight", HIDDEN),
                    vector(p + "output.LayerNorm.bias", HIDDEN));
        }

        private INDArray matMulWeight(String nodeName, long rows, long cols) throws IOException {
            String name = matMulWeightByNode.get(nodeName);
            if (name == null) {
                throw new IOException("ONNX graph has no MatMul node " + nodeName + " with a constant weight");
            }
            return tensor(name, rows, cols);
        }

        /** A 1-D parameter (LayerNorm gains and biases). */
        private INDArray vector(String name, long n) throws IOException {
            return tensor(name, n);
        }

        private INDArray tensor(String name, long... expectedShape) throws IOException {
            Onnx.TensorProto t = initializers.get(name);
            if (t == null) {
                throw new IOException("ONNX graph has no initializer " + name);
            }
            long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            if (!Arrays.equals(shape, expectedShape)) {
                throw new IOException("Initializer " + name + " has shape " + Arrays.toString(shape)
                        + ", expected " + Arrays.toString(expectedShape));
            }
            if (t.getDataType() != Onnx.TensorProto.DataType.FLOAT_VALUE) {
                throw new IOException("Initializer " + name + " has ONNX data type " + t.getDataType()
                        + ", expected FLOAT (1)");
            }
            float[] values = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
            if (!t.getRawData().isEmpty()) {
                ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                raw.asFloatBuffer().get(values);
            } else {
                for (int i = 0; i < values.length; i++) {
                    values[i] = t.getFloatData(i);
                }
            }
            return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
        }
    }
}
