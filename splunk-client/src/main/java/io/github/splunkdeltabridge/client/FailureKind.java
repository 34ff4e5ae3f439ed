package io.github.splunkdeltabridge.client;

import java.io.IOException;

/**
 * The one place that decides which failures are worth waiting for and which stop the work. The client retries
 * {@link #TRANSIENT} failures within a request's {@link RetryPolicy}; a caller that outlives the budget (the connector's
 * task) keeps waiting on them too. {@link #PERMANENT} failures need a person: wrong credentials (401 after a new
 * login), missing permissions (403), unknown endpoints or objects (404), bad SPL (400), answers the client cannot
 * understand, a certificate that is not trusted, a role limit the search does not fit.
 */
public enum FailureKind {
    /** Splunk or the way to it is unavailable for now: connection refused or reset, timeouts, 429, 500, 502, 503, 504. */
    TRANSIENT,
    /** Splunk answered but said rows are missing ({@link SplunkIncompleteResultsException}). */
    INCOMPLETE_RESULTS,
    /** Retrying the same request cannot help. */
    PERMANENT;

    /** The kind of a failure thrown by the client (or by the transport under it). */
    public static FailureKind of(Throwable failure) {
        if (failure instanceof IOException
                || failure instanceof RetryableHttpException
                || failure instanceof SplunkUnavailableException) {
            return TRANSIENT;
        }
        if (failure instanceof SplunkIncompleteResultsException) {
            return INCOMPLETE_RESULTS;
        }
        return PERMANENT;
    }

    /**
     * HTTP answers worth retrying: 429 from a proxy, 503 when the concurrent search quota is reached, and the 500, 502
     * and 504 of an overloaded Splunk or a load balancer in front of it.
     */
    static boolean isRetryableStatus(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
}
