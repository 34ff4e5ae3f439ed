package io.github.splunkdeltabridge.delta.options;

import java.util.Objects;

/**
 * Where the Delta table lives: a storage path ({@code --target-path}) or a catalog table name
 * ({@code --target-table}, e.g. a Unity Catalog {@code catalog.schema.table}).
 */
public record TargetTable(Kind kind, String location) {

    public enum Kind {
        PATH,
        NAME
    }

    public TargetTable {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
    }

    public static TargetTable path(String path) {
        return new TargetTable(Kind.PATH, path);
    }

    public static TargetTable name(String tableName) {
        return new TargetTable(Kind.NAME, tableName);
    }

    public boolean isPath() {
        return kind == Kind.PATH;
    }

    @Override
    public String toString() {
        return (isPath() ? "path " : "table ") + location;
    }
}
