package io.github.splunkdeltabridge.client;

/**
 * An answer worth waiting for (503 search quota, 429, 500/502/504). Internal: the retry loop turns
 * the last one into a {@link SplunkUnavailableException} when attempts run out.
 */
final class RetryableHttpException extends SplunkException {

    private final String retryAfter;

    RetryableHttpException(String message, int status, String retryAfter) {
        super(message, status, null);
        this.retryAfter = retryAfter;
    }

    /** The raw {@code Retry-After} header, or null. */
    String retryAfter() {
        return retryAfter;
    }
}
