package io.github.splunkdeltabridge.delta.source;

import java.util.Map;
import java.util.Objects;

/** A streaming reader's format, options and path, as plain values so that they can be checked without Spark. */
public record SourceSpec(String format, Map<String, String> options, String path) {

    public SourceSpec {
        Objects.requireNonNull(format, "format");
        options = Map.copyOf(options);
        Objects.requireNonNull(path, "path");
    }
}
