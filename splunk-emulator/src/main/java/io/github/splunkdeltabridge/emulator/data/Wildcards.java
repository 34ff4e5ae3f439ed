package io.github.splunkdeltabridge.emulator.data;

import java.util.regex.Pattern;

/** SPL's {@code *} wildcard matching for field values, case-insensitive as Splunk's search terms are. */
public final class Wildcards {

    private Wildcards() {}

    public static Pattern toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
