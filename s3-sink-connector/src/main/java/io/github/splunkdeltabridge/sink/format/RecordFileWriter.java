package io.github.splunkdeltabridge.sink.format;

import java.io.IOException;
import org.apache.avro.generic.GenericRecord;

/** Writes records into one local file of a given format; {@link #close()} completes the file so it can be uploaded. */
public interface RecordFileWriter extends AutoCloseable {

    void write(GenericRecord record) throws IOException;

    @Override
    void close() throws IOException;
}
