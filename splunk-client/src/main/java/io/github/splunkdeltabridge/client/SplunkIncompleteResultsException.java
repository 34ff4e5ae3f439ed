package io.github.splunkdeltabridge.client;

import java.util.List;

/**
 * Splunk said, in the export stream, that rows are missing (a search peer down or unreachable, the search finalized
 * or cancelled before its end, see {@link SearchMessages}). The rows delivered before stay delivered and the stream's
 * {@link SplunkEventStream#position()} says where to continue; the missing rows are only there once Splunk is whole
 * again, so the caller retries later rather than at once.
 */
public class SplunkIncompleteResultsException extends SplunkException {

    private final List<SearchMessage> messages;

    public SplunkIncompleteResultsException(String message, List<SearchMessage> messages) {
        super(message);
        this.messages = List.copyOf(messages);
    }

    /**
     * True when every message says the search stopped before its end ({@link SearchMessage.Kind#STOPPED_EARLY}): the
     * rows delivered are the newest part of the results, complete, and the rest can be read from the position on.
     */
    public boolean stoppedEarly() {
        return messages.stream().allMatch(m -> m.kind() == SearchMessage.Kind.STOPPED_EARLY);
    }

    /** Splunk's messages that said so, with their texts. */
    public List<SearchMessage> messages() {
        return messages;
    }
}
