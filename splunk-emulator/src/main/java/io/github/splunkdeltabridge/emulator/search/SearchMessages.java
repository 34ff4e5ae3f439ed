package io.github.splunkdeltabridge.emulator.search;

/** The texts of the messages Splunk attaches to searches and refusals, in one place with their sources. */
public final class SearchMessages {

    private SearchMessages() {}

    /**
     * 503 when the instance-wide concurrent historical search quota is reached, worded as real search heads word it
     * (e.g. {@code …has been reached., concurrency_category="historical", … concurrency_limit=8}). Splunk sends it
     * as a WARN, not an error, although the status is 503.
     */
    public static String instanceQuota(int limit) {
        return "Search not executed: The maximum number of concurrent historical searches on this instance has been "
                + "reached., concurrency_category=\"historical\", concurrency_context=\"instance-wide\", "
                + "current_concurrency=" + limit + ", concurrency_limit=" + limit;
    }

    /** 503 when the user's role quota ({@code srchJobsQuota}) is reached; same form with the user context. */
    public static String userQuota(int limit) {
        return "Search not executed: The maximum number of concurrent historical searches for this user based on their "
                + "role quota has been reached., concurrency_category=\"historical\", concurrency_context=\"user\", "
                + "current_concurrency=" + limit + ", concurrency_limit=" + limit;
    }

    /**
     * The refusal when the user's search artifacts exceed {@code srchDiskQuota}, in the form Splunk's own
     * troubleshooting page quotes ("Your maximum disk usage quota has been reached. usage=6000MB quota=1000MB
     * The search was not run. SearchId=…", wiki.splunk.com Community:TroubleshootingSearchQuotas).
     */
    public static String diskQuota(long usageMb, long quotaMb, String sid) {
        return "Your maximum disk usage quota has been reached. usage=" + usageMb + "MB quota=" + quotaMb
                + "MB The search was not run. SearchId=" + sid;
    }

    /** The WARN of a search that stopped at its event limit ({@code auto_finalize_ec}) with partial results. */
    public static String autoFinalizedByEventLimit(long events) {
        return "Search auto-finalized after event limit (" + events + ") reached.";
    }
}
