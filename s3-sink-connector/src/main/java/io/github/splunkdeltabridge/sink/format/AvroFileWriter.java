package io.github.splunkdeltabridge.sink.format;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/** An Avro object container file, the format of Confluent's {@code AvroFormat}. */
final class AvroFileWriter implements RecordFileWriter {

    private final DataFileWriter<GenericRecord> writer;

    AvroFileWriter(Path file, Schema schema, String codec) throws IOException {
        writer = new DataFileWriter<GenericRecord>(new GenericDatumWriter<>(schema))
                .setCodec(CodecFactory.fromString(codec));
        writer.create(schema, file.toFile());
    }

    @Override
    public void write(GenericRecord record) throws IOException {
        writer.append(record);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
