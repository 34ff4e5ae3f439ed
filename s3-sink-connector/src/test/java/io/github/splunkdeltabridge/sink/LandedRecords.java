package io.github.splunkdeltabridge.sink;

import io.github.splunkdeltabridge.s3testkit.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Reads the records of the objects the sink landed on the S3 test server, by their extension (Parquet or Avro). */
final class LandedRecords {

    private LandedRecords() {}

    static List<GenericRecord> read(S3TestServer s3, String bucket, String key) {
        try {
            Path file = Files.createTempFile("landed-", key.endsWith(".avro") ? ".avro" : ".parquet");
            Files.delete(file);
            try {
                s3.download(bucket, key, file);
                return key.endsWith(".avro") ? readAvro(file) : readParquet(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read s3://" + bucket + "/" + key, e);
        }
    }

    /** The records of every object in the bucket, in key order. */
    static List<GenericRecord> readAll(S3TestServer s3, String bucket) {
        List<GenericRecord> all = new ArrayList<>();
        for (String key : s3.keys(bucket)) {
            all.addAll(read(s3, bucket, key));
        }
        return all;
    }

    private static List<GenericRecord> readAvro(Path file) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            reader.forEach(records::add);
        }
        return records;
    }

    private static List<GenericRecord> readParquet(Path file) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                records.add(r);
            }
        }
        return records;
    }
}
