package io.github.splunkdeltabridge.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deterministic event ids, stable across runs and JVMs (they end up in Kafka keys and in Connect offsets).
 *
 * <ul>
 *   <li>When {@code index}, {@code _bkt} and {@code _cd} are present: {@code <index>:<_bkt>:<_cd>}, verbatim.
 *       That is Splunk's own address of the event (bucket + offset within it), the same for every search
 *       that returns the event, and readable when debugging.</li>
 *   <li>Otherwise: 64 lower-case hex digits, SHA-256 over {@code index, _time (as UTC ISO instant), host,
 *       source, sourcetype, _raw}; for rows without {@code _raw} (transforming searches) over every field in
 *       name order. Fallback ids contain no {@code ':'} so the two kinds never collide.</li>
 * </ul>
 * Changing either scheme changes every id downstream: treat it as a breaking change.
 */
final class EventIds {

    // Separators that cannot appear ambiguously: value boundaries and multivalue boundaries.
    private static final char FIELD_SEP = '\u001f';
    private static final char VALUE_SEP = '\u001e';

    private EventIds() {}

    static String of(Map<String, List<String>> fields, Instant time) {
        String index = first(fields, "index");
        String bkt = first(fields, "_bkt");
        String cd = first(fields, "_cd");
        if (notEmpty(index) && notEmpty(bkt) && notEmpty(cd)) {
            return index + ":" + bkt + ":" + cd;
        }
        StringBuilder s = new StringBuilder(256);
        String raw = first(fields, "_raw");
        if (raw != null) {
            s.append("v1-event").append(FIELD_SEP);
            append(s, "index", index);
            append(s, "_time", time == null ? first(fields, "_time") : time.toString());
            append(s, "host", first(fields, "host"));
            append(s, "source", first(fields, "source"));
            append(s, "sourcetype", first(fields, "sourcetype"));
            append(s, "_raw", raw);
        } else {
            s.append("v1-row").append(FIELD_SEP);
            for (Map.Entry<String, List<String>> e : new TreeMap<>(fields).entrySet()) {
                append(s, e.getKey(), String.join(String.valueOf(VALUE_SEP), e.getValue()));
            }
        }
        return sha256Hex(s.toString());
    }

    private static void append(StringBuilder s, String name, String value) {
        s.append(name).append('=');
        if (value == null) {
            s.append('\u0000'); // absent differs from empty
        } else {
            s.append(value);
        }
        s.append(FIELD_SEP);
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
