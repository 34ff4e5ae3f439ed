package io.github.splunkdeltabridge.reconcile.splunk;

import io.github.splunkdeltabridge.reconcile.ReconcileUsageException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Index names as reconcile takes them: exact names, no wildcards (a wildcard would compare a set of indexes that
 * can change between the two counts). Splunk index names are lower-case letters, digits, '_' and '-', so a checked
 * name goes into SPL without quoting.
 */
public final class IndexNames {

    // Splunk: "Index names must consist of only numbers, lowercase letters, underscores, and hyphens";
    // internal indexes start with '_'.
    private static final Pattern NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]*");

    private IndexNames() {}

    public static List<String> checked(List<String> indexes) {
        if (indexes.isEmpty()) {
            throw new ReconcileUsageException("--index is required: the Splunk indexes to reconcile");
        }
        for (String index : indexes) {
            if (!NAME.matcher(index).matches()) {
                throw new ReconcileUsageException("--index '" + index + "' is not a Splunk index name: lower-case"
                        + " letters, digits, '_' and '-' only, and no wildcards (name each index)");
            }
        }
        return indexes.stream().distinct().sorted().toList();
    }
}
