package io.llmeval.jobs.backfill;

import io.llmeval.jobs.drift.DriftPartial;
import io.llmeval.jobs.otel.TraceSpan;
import io.llmeval.jobs.pipeline.WindowPartial;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * The files a backfill unit leaves for the last job: partials ({@link WindowPartial}, {@link DriftPartial}) in their
 * own compact binary form and OTLP spans ({@link TraceSpan}), one file per writing subtask, each record a marker byte followed by the partial. No
 * commit protocol of their own: a unit's directory counts only once the driver has committed it whole
 * ({@link WorkDir}), so a file is never read half-written.
 */
public final class PartialFiles {

    private PartialFiles() {}

    /** Writes and reads one partial type. */
    public interface Codec<T> extends Serializable {
        void write(T value, DataOutputView out) throws IOException;

        T read(DataInputView in) throws IOException;

        TypeInformation<T> type();
    }

    public static final Codec<WindowPartial> WINDOWS = new Codec<>() {
        @Override
        public void write(WindowPartial value, DataOutputView out) throws IOException {
            value.write(out);
        }

        @Override
        public WindowPartial read(DataInputView in) throws IOException {
            return WindowPartial.read(in);
        }

        @Override
        public TypeInformation<WindowPartial> type() {
            return TypeInformation.of(WindowPartial.class);
        }
    };

    public static final Codec<DriftPartial> DRIFT = new Codec<>() {
        @Override
        public void write(DriftPartial value, DataOutputView out) throws IOException {
            value.write(out);
        }

        @Override
        public DriftPartial read(DataInputView in) throws IOException {
            return DriftPartial.read(in);
        }

        @Override
        public TypeInformation<DriftPartial> type() {
            return TypeInformation.of(DriftPartial.class);
        }
    };

    /** Spans of OTLP input, for the stage breakdown the last job assembles (in Flink's own POJO format). */
    public static final Codec<TraceSpan> SPANS = new SerializerCodec<>(TypeInformation.of(TraceSpan.class));

    /** A codec that writes values with their Flink type serializer (for POJOs without a hand-written form). */
    private static final class SerializerCodec<T> implements Codec<T> {
        private static final long serialVersionUID = 1L;
        private final TypeInformation<T> type;
        private transient TypeSerializer<T> serializer;

        SerializerCodec(TypeInformation<T> type) {
            this.type = type;
        }

        private TypeSerializer<T> serializer() {
            if (serializer == null) {
                serializer = type.createSerializer(new SerializerConfigImpl());
            }
            return serializer;
        }

        @Override
        public void write(T value, DataOutputView out) throws IOException {
            serializer().serialize(value, out);
        }

        @Override
        public T read(DataInputView in) throws IOException {
            return serializer().deserialize(in);
        }

        @Override
        public TypeInformation<T> type() {
            return type;
        }
    }

    private static final int RECORD = 1;

    /** A sink writing {@code dir/part-<subtask>.bin}; a subtask that receives nothing writes no file. */
    public static <T> Sink<T> sink(Path dir, Codec<T> codec) {
        return new PartialSink<>(dir.toString(), codec);
    }

    /** A bounded source over every partial file below {@code dirs} (missing directories are skipped by the caller). */
    public static <T> FileSource<T> source(List<Path> dirs, Codec<T> codec) {
        return FileSource.forRecordStreamFormat(new PartialFormat<>(codec), dirs.toArray(new Path[0])).build();
    }

    private record PartialSink<T>(String dir, Codec<T> codec) implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new PartialWriter<>(new Path(dir, "part-" + context.getTaskInfo().getIndexOfThisSubtask() + ".bin"),
                    codec);
        }
    }

    private static final class PartialWriter<T> implements SinkWriter<T> {
        private final Path file;
        private final Codec<T> codec;
        private FSDataOutputStream stream;
        private DataOutputViewStreamWrapper out;

        PartialWriter(Path file, Codec<T> codec) {
            this.file = file;
            this.codec = codec;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            if (out == null) {
                stream = file.getFileSystem().create(file, FileSystem.WriteMode.OVERWRITE);
                out = new DataOutputViewStreamWrapper(new BufferedOutputStream(stream, 1 << 16));
            }
            out.writeByte(RECORD);
            codec.write(element, out);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (out != null) {
                out.flush();
                if (endOfInput) {
                    stream.sync();
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }

    private static final class PartialFormat<T> extends SimpleStreamFormat<T> {
        private static final long serialVersionUID = 1L;
        private final Codec<T> codec;

        PartialFormat(Codec<T> codec) {
            this.codec = codec;
        }

        @Override
        public StreamFormat.Reader<T> createReader(Configuration config, FSDataInputStream stream) {
            DataInputViewStreamWrapper in = new DataInputViewStreamWrapper(new BufferedInputStream(stream, 1 << 16));
            return new StreamFormat.Reader<>() {
                @Override
                public T read() throws IOException {
                    int marker = in.read();
                    if (marker < 0) {
                        return null;
                    }
                    if (marker != RECORD) {
                        throw new IOException("not a partial file of this version (marker " + marker + ")");
                    }
                    return codec.read(in);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return codec.type();
        }
    }
}
