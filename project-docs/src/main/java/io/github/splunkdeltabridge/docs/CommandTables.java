package io.github.splunkdeltabridge.docs;

import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders a picocli {@link CommandSpec} as a Markdown table of its options, in the order of the usage help: the
 * option with its value, {@code required} or the default, and the description picocli prints for {@code --help}.
 */
final class CommandTables {

    private static final Pattern OPTION_NAME = Pattern.compile("(?<![\\w`-])(--[a-z][a-z0-9-]*)");

    private CommandTables() {}

    static String table(CommandSpec spec) {
        StringBuilder md = new StringBuilder("\n| Option | Default | Description |\n| --- | --- | --- |\n");
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            md.append("| `")
                    .append(Markdown.cell(synopsis(option)))
                    .append("` | ")
                    .append(defaultValue(option))
                    .append(" | ")
                    .append(Markdown.cell(description(option)))
                    .append(" |\n");
        }
        return md.append('\n').toString();
    }

    /** {@code --source-format parquet|avro}, {@code --file-notifications}, {@code -h, --help}. */
    private static String synopsis(OptionSpec option) {
        String names = String.join(", ", option.names());
        return option.arity().max() == 0 ? names : names + " " + option.paramLabel();
    }

    private static String defaultValue(OptionSpec option) {
        if (option.required()) {
            return "required";
        }
        String value = option.defaultValue();
        return value == null || value.isEmpty() ? "" : "`" + value + "`";
    }

    /** The description lines as one run of text, with option names set as code and no accidental HTML tags. */
    private static String description(OptionSpec option) {
        String text = String.join(" ", option.description())
                .strip()
                .replace("<", "&lt;")
                .replace(">", "&gt;");
        return OPTION_NAME.matcher(text).replaceAll("`$1`");
    }
}
