package io.github.splunkdeltabridge.client;

import java.util.List;
import java.util.Locale;

/**
 * The one place that decides which messages in an export stream mean missing rows. Splunk does not mark them with a
 * type of their own: a search that lost a peer still "succeeds" with a WARN, so the texts decide.
 *
 * <p>Texts that mean missing rows, each as Splunk writes it:
 * <ul>
 *   <li>a search peer down or unreachable: {@code Unable to distribute to peer named <peer> at uri <uri> because peer
 *       has status = "Down"} (distributed search, Splunk's DistributedPeerManager);</li>
 *   <li>results that "might be incomplete": {@code Timed out waiting for peer <peer>. Search results might be
 *       incomplete!}, {@code Reached the maximum in-memory consumption limit for search results (200 MB), results
 *       might be incomplete!};</li>
 *   <li>a search finalized or cancelled before its end: {@code Search auto-finalized after time limit (<n> seconds)
 *       reached.} ({@code srchMaxTime}, {@code max_time}), a search over the role's disk quota, which authorize.conf
 *       says "causes the search to be auto-finalized immediately, even if there are results that have not yet been
 *       returned" ({@code srchDiskQuota}; "maximum disk usage quota has been reached"), {@code Search auto-canceled},
 *       {@code Search has been cancelled}.</li>
 * </ul>
 * The first kind ({@link SearchMessage.Kind#INCOMPLETE_RESULTS}) can leave holes anywhere among the rows returned;
 * the second ({@link SearchMessage.Kind#STOPPED_EARLY}) cuts the results short: a search head merges its peers'
 * events in time order and streams them newest first, so what a finalized search returned is its newest part,
 * complete, and reading on from the oldest time returned fetches the rest. Other WARN and INFO texts are
 * informational. ERROR and FATAL messages that match none of the above mean the search failed.
 */
final class SearchMessages {

    /** Lower-case fragments of the texts of a search that lost part of its data. */
    private static final List<String> INCOMPLETE = List.of(
            "unable to distribute to peer", "might be incomplete", "may be incomplete", "results are incomplete");

    /** Lower-case fragments of the texts of a search that stopped before its end. */
    private static final List<String> STOPPED = List.of(
            "auto-finalized",
            "auto finalized",
            "disk usage quota",
            "auto-canceled",
            "auto-cancelled",
            "search has been cancelled",
            "search has been canceled",
            "search was cancelled",
            "search was canceled");

    private SearchMessages() {}

    static SearchMessage.Kind classify(SearchMessage message) {
        if (message.type().equals("DEBUG")) {
            return SearchMessage.Kind.INFORMATIONAL;
        }
        String text = message.text().toLowerCase(Locale.ROOT);
        for (String fragment : INCOMPLETE) {
            if (text.contains(fragment)) {
                return SearchMessage.Kind.INCOMPLETE_RESULTS;
            }
        }
        for (String fragment : STOPPED) {
            if (text.contains(fragment)) {
                return SearchMessage.Kind.STOPPED_EARLY;
            }
        }
        return switch (message.type()) {
            case "ERROR", "FATAL" -> SearchMessage.Kind.SEARCH_FAILED;
            default -> SearchMessage.Kind.INFORMATIONAL;
        };
    }
}
