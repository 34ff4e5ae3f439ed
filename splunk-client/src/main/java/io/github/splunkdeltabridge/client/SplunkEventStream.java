package io.github.splunkdeltabridge.client;

import java.util.Iterator;

/**
 * The rows of one export, read as they stream in. Not thread-safe. Survives the connection being cut
 * by re-issuing the export from {@link #position()}; failures surface as {@link SplunkException}s from
 * {@link #hasNext()} or {@link #next()}. Close it to release the connection (also when abandoning early).
 */
public interface SplunkEventStream extends Iterator<SplunkEvent>, AutoCloseable {

    /** How far this stream got; store it to resume after a crash with {@link ExportRequest.Builder#resumeFrom}. */
    ExportPosition position();

    @Override
    void close();
}
