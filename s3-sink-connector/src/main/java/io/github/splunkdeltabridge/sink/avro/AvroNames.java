package io.github.splunkdeltabridge.sink.avro;

/**
 * Avro names allow only {@code [A-Za-z_][A-Za-z0-9_]*}; Splunk field names such as {@code user.name} or
 * {@code tags{}} do not fit. Each other character becomes {@code _}, and a leading digit gets a {@code _} prefix.
 */
final class AvroNames {

    private AvroNames() {}

    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
            boolean digit = c >= '0' && c <= '9';
            if (i == 0 && digit) {
                out.append('_');
            }
            out.append(letter || digit ? c : '_');
        }
        return out.isEmpty() ? "_" : out.toString();
    }
}
