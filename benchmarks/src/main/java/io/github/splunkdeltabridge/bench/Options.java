package io.github.splunkdeltabridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} command-line options with defaults; {@code --help} prints them. */
public final class Options {

    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    public Options option(String name, String defaultValue, String description) {
        defaults.put(name, defaultValue);
        help.put(name, description);
        return this;
    }

    /** Parses the arguments; prints the options and exits on {@code --help}, fails on an unknown option. */
    public Options parse(String benchmark, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("Options of " + benchmark + ":");
                defaults.forEach(
                        (name, value) -> System.out.printf("  --%-16s %s (default %s)%n", name, help.get(name), value));
                System.exit(0);
            }
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            String value = null;
            if (name != null && name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else if (name != null && i + 1 < args.length) {
                value = args[++i];
            }
            if (name == null || !defaults.containsKey(name) || value == null) {
                throw new IllegalArgumentException("Bad argument '" + arg + "' for " + benchmark + "; options: "
                        + defaults.keySet() + " (--help describes them)");
            }
            values.put(name, value);
        }
        return this;
    }

    public String get(String name) {
        if (!defaults.containsKey(name)) {
            throw new IllegalArgumentException("no option " + name);
        }
        return values.getOrDefault(name, defaults.get(name));
    }

    public int intValue(String name) {
        return Math.toIntExact(longValue(name));
    }

    public long longValue(String name) {
        String v = get(name).replace("_", "").toLowerCase(java.util.Locale.ROOT);
        long factor = 1;
        if (v.endsWith("k")) {
            factor = 1_000;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 1_000_000;
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v) * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + name + " must be a whole number (1000, 200k, 1m), not '" + get(name) + "'");
        }
    }

    public boolean booleanValue(String name) {
        return Boolean.parseBoolean(get(name));
    }

    /** The options as used, for the report header. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        defaults.keySet()
                .forEach(name -> s.append(s.length() == 0 ? "" : " ")
                        .append("--")
                        .append(name)
                        .append(' ')
                        .append(get(name)));
        return s.toString();
    }
}
