package io.github.splunkdeltabridge.emulator.http;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The Splunk version the emulator plays, e.g. {@code 9.3.2}: {@code server/info} reports it, and the v2 search
 * endpoints ({@code search/v2/jobs…}) exist only from 9.0.1 on (Splunk Enterprise 9.0.1, Splunk Cloud 9.0.2208;
 * older servers answer 404 there). The Splunk SDKs switch to v2 from 9.0.2 (9.0.2209 on Splunk Cloud).
 */
public record SplunkVersion(String text, int[] parts) {

    private static final Pattern FORM = Pattern.compile("\\d+(\\.\\d+){1,3}");
    private static final SplunkVersion FIRST_WITH_V2 = parse("9.0.1");

    public static SplunkVersion parse(String text) {
        if (text == null || !FORM.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException(
                    "A Splunk version looks like 9.3.2 (major.minor.maintenance), not '" + text + "'");
        }
        int[] parts = Arrays.stream(text.trim().split("\\."))
                .mapToInt(Integer::parseInt)
                .toArray();
        return new SplunkVersion(text.trim(), parts);
    }

    public boolean hasSearchV2() {
        return compareTo(FIRST_WITH_V2) >= 0;
    }

    public int compareTo(SplunkVersion other) {
        for (int i = 0; i < Math.max(parts.length, other.parts.length); i++) {
            int a = i < parts.length ? parts[i] : 0;
            int b = i < other.parts.length ? other.parts[i] : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    /** A stable build id per version, in the form of Splunk's (12 hex digits). */
    public String build() {
        return String.format("%012x", Math.abs((long) text.hashCode() * 2654435761L) & 0xffffffffffffL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplunkVersion v && v.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
