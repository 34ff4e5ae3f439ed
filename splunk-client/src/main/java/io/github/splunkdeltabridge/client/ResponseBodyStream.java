package io.github.splunkdeltabridge.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * A response body that releases its connection on close: returned to the pool after a complete body,
 * aborted otherwise. Closing a half-read export normally would drain the rest of it, possibly gigabytes.
 */
final class ResponseBodyStream extends FilterInputStream {

    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private boolean eof;
    private boolean closed;

    ResponseBodyStream(InputStream body, HttpUriRequestBase request, ClassicHttpResponse response) {
        super(body);
        this.request = request;
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        eof |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        eof |= n < 0;
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!eof) {
            request.cancel();
        }
        try {
            response.close();
        } catch (IOException e) {
            // The connection is discarded either way.
        }
    }
}
