package io.github.splunkdeltabridge.sink.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** A Parquet file written through parquet-avro, like Confluent's {@code ParquetFormat}. */
final class ParquetFileWriter implements RecordFileWriter {

    private final ParquetWriter<GenericRecord> writer;

    ParquetFileWriter(Path file, Schema schema, String codec) throws IOException {
        // Hadoop's Configuration is only a property bag here: no default resources, no file system is touched.
        Configuration conf = new Configuration(false);
        // Standard three-level lists, so arrays with null elements can be written and every reader agrees.
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withConf(conf)
                .withCompressionCodec(codecName(codec))
                .build();
    }

    private static CompressionCodecName codecName(String codec) {
        return "none".equals(codec)
                ? CompressionCodecName.UNCOMPRESSED
                : CompressionCodecName.valueOf(codec.toUpperCase(Locale.ROOT));
    }

    @Override
    public void write(GenericRecord record) throws IOException {
        writer.write(record);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
