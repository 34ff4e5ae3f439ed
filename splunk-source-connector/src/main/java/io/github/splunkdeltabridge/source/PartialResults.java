package io.github.splunkdeltabridge.source;

import java.util.Locale;

/** What to do when Splunk says rows of a search are missing ({@code splunk.partial.results}). */
enum PartialResults {
    /** Keep the slice or window undone and read it again later from its position; fail after the configured attempts. */
    RETRY,
    /** Fail the task at once with Splunk's text. */
    FAIL,
    /** Log Splunk's text, deliver what arrived and treat the slice or window as done: rows may be missing. */
    ACCEPT;

    String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PartialResults fromSetting(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
