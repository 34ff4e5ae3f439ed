package io.github.splunkdeltabridge.s3testkit;

/** A running s3proxy, in this JVM or in a child one. */
interface ServerProcess extends AutoCloseable {

    int port();

    @Override
    void close();
}
