package io.github.splunkdeltabridge.sink.layout;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Reads Confluent's {@code path.format}, which is a Joda-Time pattern such as {@code 'year'=YYYY/'month'=MM}, into a
 * {@link DateTimeFormatter}. Letters mean different things in the two libraries (Joda's {@code Y} is the year of
 * the era, java.time's is the week-based year), so each supported letter is translated; others are refused
 * rather than silently producing other directories than Confluent's sink would.
 */
final class JodaPathFormat {

    private JodaPathFormat() {}

    static DateTimeFormatter toFormatter(String jodaPattern, Locale locale) {
        StringBuilder pattern = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < jodaPattern.length(); i++) {
            char c = jodaPattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                pattern.append(c);
            } else if (quoted || !Character.isLetter(c)) {
                pattern.append(c);
            } else {
                pattern.append(translate(c, jodaPattern));
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("path.format '" + jodaPattern + "' has an unclosed quote");
        }
        return DateTimeFormatter.ofPattern(pattern.toString(), locale);
    }

    private static char translate(char joda, String pattern) {
        return switch (joda) {
            case 'Y' -> 'y'; // Joda: year of era
            case 'y' -> 'u'; // Joda: proleptic year
            case 'M', 'd', 'H', 'm', 's', 'S', 'D', 'k', 'h', 'K', 'E', 'a' -> joda;
            default ->
                throw new IllegalArgumentException(
                        "path.format '" + pattern + "' uses '" + joda
                                + "', which this sink does not support; use Y/y, M, d, D, H, k, h, K, m, s, S, E, a and quoted text");
        };
    }
}
