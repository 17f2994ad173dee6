package io.llmeval.udfs.drift;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyTest {

    @TempDir
    Path dir;

    @Test
    void floatMatrixRoundTripsBitForBit() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        float[][] rows = new float[37][384];
        for (float[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        rows[3][5] = Float.NaN;
        rows[4][6] = -0.0f;
        Path file = dir.resolve("m.npy");
        Npy.writeFloatMatrix(file, rows);
        float[][] read = Npy.readFloatMatrix(file);
        assertThat(read.length).isEqualTo(37);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < 384; c++) {
                assertThat(Float.floatToRawIntBits(read[r][c])).isEqualTo(Float.floatToRawIntBits(rows[r][c]));
            }
        }
    }

    @Test
    void longVectorRoundTrips() throws IOException {
        long[] values = {0, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE};
        Path file = dir.resolve("v.npy");
        Npy.writeLongVector(file, values);
        assertThat(Npy.readLongVector(file)).containsExactly(values);
    }

    /** The layout numpy writes and reads: magic, version 1.0, a header padded to 64 bytes, raw little-endian data. */
    @Test
    void writesTheNumpyLayout() throws IOException {
        Path file = dir.resolve("m.npy");
        Npy.writeFloatMatrix(file, new float[][] {{1f, 2f, 3f}, {4f, 5f, 6f}});
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, 6)).containsExactly((byte) 0x93, 'N', 'U', 'M', 'P', 'Y');
        assertThat(bytes[6]).isEqualTo((byte) 1);
        assertThat(bytes[7]).isEqualTo((byte) 0);
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, 24).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getFloat()).isEqualTo(1f);
        assertThat(bytes.length).isEqualTo(10 + headerLength + 24);
    }

    /** Files written by numpy 2.4 ({@code np.save} of {@code np.arange(6, dtype='<f4').reshape(2, 3)} and an int64 vector). */
    @Test
    void readsFilesWrittenByNumpy() throws Exception {
        Path matrix = Path.of(getClass().getResource("/drift/numpy-arange-2x3-f4.npy").toURI());
        assertThat(Npy.readFloatMatrix(matrix)).isDeepEqualTo(new float[][] {{0f, 1f, 2f}, {3f, 4f, 5f}});
        Path vector = Path.of(getClass().getResource("/drift/numpy-i8.npy").toURI());
        assertThat(Npy.readLongVector(vector)).containsExactly(5, -1, 7);
    }

    /** And numpy reads ours: the header bytes are the ones numpy writes for the same array. */
    @Test
    void headerMatchesNumpys() throws Exception {
        Path ours = dir.resolve("ours.npy");
        Npy.writeFloatMatrix(ours, new float[][] {{0f, 1f, 2f}, {3f, 4f, 5f}});
        Path numpy = Path.of(getClass().getResource("/drift/numpy-arange-2x3-f4.npy").toURI());
        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(numpy));
    }

    @Test
    void rejectsWrongFilesWithTheReason() throws IOException {
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "not numpy at all");
        assertThatThrownBy(() -> Npy.readFloatMatrix(text)).hasMessageContaining("bad magic");

        Path longs = dir.resolve("longs.npy");
        Npy.writeLongVector(longs, new long[] {1, 2});
        assertThatThrownBy(() -> Npy.readFloatMatrix(longs)).hasMessageContaining("expected dtype <f4, got <i8");

        Path matrix = dir.resolve("m.npy");
        Npy.writeFloatMatrix(matrix, new float[][] {{1f, 2f}, {3f, 4f}});
        byte[] bytes = Files.readAllBytes(matrix);
        Path truncated = dir.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> Npy.readFloatMatrix(truncated)).hasMessageContaining("truncated");
    }
}
