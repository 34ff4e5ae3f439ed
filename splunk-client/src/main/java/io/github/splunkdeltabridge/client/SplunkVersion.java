package io.github.splunkdeltabridge.client;

import java.util.Arrays;

/**
 * A Splunk version as {@code server/info} reports it: {@code 9.0.1}, {@code 8.2.12}, and for Splunk Cloud releases
 * named after their year and month, {@code 9.0.2208.4}. Compared component by component.
 */
public final class SplunkVersion implements Comparable<SplunkVersion> {

    private final String text;
    private final int[] components;

    private SplunkVersion(String text, int[] components) {
        this.text = text;
        this.components = components;
    }

    /** @throws IllegalArgumentException when the text is not dot-separated numbers */
    public static SplunkVersion parse(String text) {
        if (text == null || !text.strip().matches("\\d+(\\.\\d+)*")) {
            throw new IllegalArgumentException("'" + text + "' is not a Splunk version");
        }
        String[] parts = text.strip().split("\\.");
        int[] components = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            components[i] = Integer.parseInt(parts[i]);
        }
        return new SplunkVersion(text.strip(), components);
    }

    public boolean isAtLeast(SplunkVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(SplunkVersion other) {
        int n = Math.max(components.length, other.components.length);
        for (int i = 0; i < n; i++) {
            int a = i < components.length ? components[i] : 0;
            int b = i < other.components.length ? other.components[i] : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplunkVersion other && Arrays.equals(components, other.components);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(components);
    }

    @Override
    public String toString() {
        return text;
    }
}
