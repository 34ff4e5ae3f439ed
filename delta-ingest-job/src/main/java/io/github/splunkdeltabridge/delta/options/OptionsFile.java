package io.github.splunkdeltabridge.delta.options;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --config FILE} of the job: a properties file with the option names as keys ({@code source-path=...})
 * and the repeatable KEY=VALUE options as prefixes ({@code spark-conf.KEY=...}). Picocli asks it for the options the
 * command line did not give, after reading the command line (so {@code --config} is known by then): the command
 * line wins. The repeatable options are merged entry by entry by {@link IngestCommand}.
 */
final class OptionsFile implements IDefaultValueProvider {

    private final Supplier<Path> location;
    private Path loadedFrom;
    private Map<String, String> entries;

    /** {@code location} answers the {@code --config} value, or null when none was given. */
    OptionsFile(Supplier<Path> location) {
        this.location = location;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.typeInfo().isMap()) {
            return null;
        }
        String value = entries(option.command()).get(key(option));
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Whether the file sets the (single-valued) option. */
    boolean sets(OptionSpec option) {
        return defaultValue(option) != null;
    }

    /** The entries under {@code <option>.} for a repeatable KEY=VALUE option. */
    Map<String, String> keyValues(OptionSpec option) {
        String prefix = key(option) + ".";
        Map<String, String> values = new LinkedHashMap<>();
        entries(option.command()).forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                values.put(key.substring(prefix.length()), value.trim());
            }
        });
        return values;
    }

    /** How an error names a value from the file: {@code 'trigger-interval' in /path/ingest.properties}. */
    String origin(OptionSpec option) {
        return "'" + key(option) + "' in " + loadedFrom;
    }

    static String key(OptionSpec option) {
        return option.longestName().substring(2);
    }

    private Map<String, String> entries(CommandSpec spec) {
        Path file = location.get();
        if (file == null) {
            return Map.of();
        }
        if (!file.equals(loadedFrom)) {
            entries = load(spec, file);
            loadedFrom = file;
        }
        return entries;
    }

    private static Map<String, String> load(CommandSpec spec, Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--config " + file + " does not exist");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--config " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            if (!known(spec, key)) {
                throw new ParameterException(
                        spec.commandLine(), "unknown key '" + key + "' in " + file + " (keys are the option names)");
            }
            entries.put(key, properties.getProperty(key));
        }
        return entries;
    }

    private static boolean known(CommandSpec spec, String key) {
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.longestName().equals(IngestCommand.CONFIG)) {
                continue;
            }
            String name = key(option);
            if (option.typeInfo().isMap()
                    ? key.startsWith(name + ".") && key.length() > name.length() + 1
                    : key.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
