package io.github.splunkdeltabridge.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One search the reader runs over every slice: an index ({@code search index=<name>}, named after the index) or a
 * named SPL search ({@code splunk.search.<name>.spl}).
 */
public record SplunkSearch(String name, String spl) implements Serializable {

    public SplunkSearch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spl, "spl");
    }
}
