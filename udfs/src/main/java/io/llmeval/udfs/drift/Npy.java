package io.llmeval.udfs.drift;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format version 1.0) of the two shapes a drift reference stores: a float32
 * matrix {@code (rows, columns)} of embeddings and an int64 vector of token counts, little-endian, C order.
 *
 * <pre>{@code
 * Npy.writeFloatMatrix(path, vectors);          // numpy: np.load(path) -> float32 array (n, 384)
 * float[][] vectors = Npy.readFloatMatrix(path);
 * }</pre>
 *
 * <p>Written by hand rather than through ND4J's {@code Nd4j.createFromNpyFile}: loading a reference must
 * not start ND4J's native backend (the drift statistics are plain Java and also run in the SQL functions
 * and on machines without the inference jars), and the format is a fixed magic string, a Python-dict
 * header and the raw array. A test reads our files back with ND4J's reader to keep them compatible.
 * Reading maps the file and bulk-copies each row, so 10,000 × 384 floats load in milliseconds.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Writes {@code rows} (all of one length) as a float32 array of shape {@code (rows.length, length)}. */
    public static void writeFloatMatrix(Path file, float[][] rows) throws IOException {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(Math.multiplyExact(rows.length, columns), 4))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            if (row.length != columns) {
                throw new IllegalArgumentException("rows differ in length: " + row.length + " vs " + columns);
            }
            data.asFloatBuffer().put(row);
            data.position(data.position() + columns * 4);
        }
        write(file, "<f4", "(" + rows.length + ", " + columns + ")", data.flip());
    }

    /** Writes {@code values} as an int64 vector. */
    public static void writeLongVector(Path file, long[] values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        write(file, "<i8", "(" + values.length + ",)", data);
    }

    public static float[][] readFloatMatrix(Path file) throws IOException {
        Array array = map(file, "<f4", 2, Float.BYTES);
        float[][] out = new float[Math.toIntExact(array.shape[0])][Math.toIntExact(array.shape[1])];
        var floats = array.data.asFloatBuffer();
        for (float[] row : out) {
            floats.get(row);
        }
        return out;
    }

    public static long[] readLongVector(Path file) throws IOException {
        Array array = map(file, "<i8", 1, Long.BYTES);
        long[] out = new long[Math.toIntExact(array.shape[0])];
        array.data.asLongBuffer().get(out);
        return out;
    }

    /** A mapped array: its data (little-endian, starting at the first element) and shape. */
    private record Array(ByteBuffer data, long[] shape) {}

    /** Maps {@code file} and checks its dtype, rank and length; the mapping stays valid after the channel closes. */
    private static Array map(Path file, String descr, int rank, int itemBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
            long[] shape = readHeader(buffer, file, descr);
            if (shape.length != rank) {
                throw new IOException(file + ": expected a " + rank + "-d array, got shape of rank " + shape.length);
            }
            long items = 1;
            for (long dim : shape) {
                items *= dim;
            }
            requireRemaining(buffer, items * itemBytes, file);
            return new Array(buffer.slice().order(ByteOrder.LITTLE_ENDIAN), shape);
        }
    }

    private static void write(Path file, String descr, String shape, ByteBuffer data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, then '\n'.
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII)).flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (head.hasRemaining()) {
                channel.write(head);
            }
            while (data.hasRemaining()) {
                channel.write(data);
            }
        }
    }

    /** Checks magic, version and dtype; leaves the buffer at the data; returns the shape. */
    private static long[] readHeader(ByteBuffer buffer, Path file, String expectedDescr) throws IOException {
        if (buffer.remaining() < MAGIC.length + 4) {
            throw new IOException(file + ": not a .npy file (too short)");
        }
        for (byte b : MAGIC) {
            if (buffer.get() != b) {
                throw new IOException(file + ": not a .npy file (bad magic)");
            }
        }
        int major = buffer.get();
        buffer.get(); // minor
        int headerLength = switch (major) {
            case 1 -> Short.toUnsignedInt(buffer.getShort());
            case 2, 3 -> buffer.getInt();
            default -> throw new IOException(file + ": unsupported .npy version " + major);
        };
        byte[] headerBytes = new byte[headerLength];
        buffer.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file);
        if (!descr.equals(expectedDescr)) {
            throw new IOException(file + ": expected dtype " + expectedDescr + ", got " + descr);
        }
        if (group(FORTRAN, header, file).equals("True")) {
            throw new IOException(file + ": Fortran-ordered arrays are not supported");
        }
        String[] dims = group(SHAPE, header, file).split(",");
        return java.util.Arrays.stream(dims).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
    }

    private static String group(Pattern pattern, String header, Path file) throws IOException {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IOException(file + ": malformed .npy header: " + header.trim());
        }
        return matcher.group(1);
    }

    private static void requireRemaining(ByteBuffer buffer, long bytes, Path file) throws IOException {
        if (buffer.remaining() < bytes) {
            throw new IOException(file + ": truncated, " + buffer.remaining() + " of " + bytes + " data bytes");
        }
    }
}
