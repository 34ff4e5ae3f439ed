package io.github.splunkdeltabridge.sink.format;

import io.github.splunkdeltabridge.sink.layout.ObjectKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.avro.Schema;

/** An object format: its file extension (as Confluent's sink names it) and how to open a writer. */
public abstract class FileFormat {

    public static FileFormat parquet(String codec) {
        return new ParquetFormat(codec.toLowerCase(Locale.ROOT));
    }

    public static FileFormat avro(String codec) {
        return new AvroFormat(codec.toLowerCase(Locale.ROOT));
    }

    /** Including the dot(s): {@code .snappy.parquet}, {@code .avro}. */
    public abstract String extension();

    /** Opens a new file at {@code file} (which must not exist) for records of {@code schema}. */
    public abstract RecordFileWriter open(Path file, Schema schema) throws IOException;

    private static final class ParquetFormat extends FileFormat {
        private final String codec;

        ParquetFormat(String codec) {
            this.codec = codec;
            ObjectKeys.parquetExtension(codec);
        }

        @Override
        public String extension() {
            return ObjectKeys.parquetExtension(codec);
        }

        @Override
        public RecordFileWriter open(Path file, Schema schema) throws IOException {
            return new ParquetFileWriter(file, schema, codec);
        }
    }

    private static final class AvroFormat extends FileFormat {
        private final String codec;

        AvroFormat(String codec) {
            this.codec = codec;
        }

        @Override
        public String extension() {
            return ".avro";
        }

        @Override
        public RecordFileWriter open(Path file, Schema schema) throws IOException {
            return new AvroFileWriter(file, schema, codec);
        }
    }
}
