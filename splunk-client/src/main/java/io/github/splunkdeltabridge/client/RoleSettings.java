package io.github.splunkdeltabridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One role's search limits, from {@code GET /services/authorization/roles/<role>} (authorize.conf's settings; the
 * {@code imported_*} values are those the role inherits). Absent values are null.
 *
 * @param searchTimeWindows {@code srchTimeWin} and {@code imported_srchTimeWin}, seconds; -1 unset, 0 unlimited
 * @param searchTimeEarliest {@code srchTimeEarliest} and {@code imported_srchTimeEarliest}, seconds before now
 * @param diskQuotasMb {@code srchDiskQuota} and {@code imported_srchDiskQuota}, megabytes; 0 unlimited
 * @param jobsQuotas {@code srchJobsQuota} and {@code imported_srchJobsQuota}; 0 unlimited
 * @param indexesAllowed {@code srchIndexesAllowed} and {@code imported_srchIndexesAllowed}, with wildcards
 */
public record RoleSettings(
        String name,
        List<Long> searchTimeWindows,
        List<Long> searchTimeEarliest,
        List<Long> diskQuotasMb,
        List<Long> jobsQuotas,
        List<String> indexesAllowed) {

    public RoleSettings {
        searchTimeWindows = List.copyOf(searchTimeWindows);
        searchTimeEarliest = List.copyOf(searchTimeEarliest);
        diskQuotasMb = List.copyOf(diskQuotasMb);
        jobsQuotas = List.copyOf(jobsQuotas);
        indexesAllowed = List.copyOf(indexesAllowed);
    }

    static RoleSettings from(String name, JsonNode content, String path) {
        List<String> indexes = new ArrayList<>(RestEntries.list(content, "srchIndexesAllowed"));
        indexes.addAll(RestEntries.list(content, "imported_srchIndexesAllowed"));
        return new RoleSettings(
                name,
                numbers(content, path, "srchTimeWin", "imported_srchTimeWin"),
                numbers(content, path, "srchTimeEarliest", "imported_srchTimeEarliest"),
                numbers(content, path, "srchDiskQuota", "imported_srchDiskQuota"),
                numbers(content, path, "srchJobsQuota", "imported_srchJobsQuota"),
                indexes);
    }

    private static List<Long> numbers(JsonNode content, String path, String own, String imported) {
        List<Long> values = new ArrayList<>(2);
        for (String field : new String[] {own, imported}) {
            Long v = RestEntries.number(content, field, path);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }
}
