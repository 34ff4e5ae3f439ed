package io.github.splunkdeltabridge.client;

/** Maps an HTTP error answer to the exception a caller can act on. */
final class HttpErrors {

    private HttpErrors() {}

    /**
     * @param path endpoint path without query string
     * @param splunkMessage Splunk's text from the body (already redacted), or null
     */
    static SplunkException forStatus(int status, String path, String splunkMessage, String retryAfter) {
        String detail = splunkMessage == null || splunkMessage.isBlank() ? "" : ": " + splunkMessage;
        if (status == 503
                && splunkMessage != null
                && splunkMessage.toLowerCase(java.util.Locale.ROOT).contains("disk usage quota")) {
            // Splunk refuses new searches while the user's search artifacts exceed the role's srchDiskQuota
            // (authorize.conf); waiting does not free them fast enough to be worth it, the quota needs changing.
            return new SplunkRoleLimitException(
                    "Splunk refused the search to " + path + " because the user's search artifacts exceed the role's"
                            + " disk quota (srchDiskQuota in authorize.conf); raise it, or run fewer searches at once"
                            + detail,
                    status);
        }
        if (FailureKind.isRetryableStatus(status)) {
            return new RetryableHttpException(
                    "Splunk answered " + path + " with HTTP " + status + detail, status, retryAfter);
        }
        return switch (status) {
            case 400 ->
                new SplunkSearchException("Splunk rejected the request to " + path + " (HTTP 400)" + detail, 400, null);
            case 401 ->
                new SplunkAuthenticationException(
                        "Splunk refused the credentials for " + path + " (HTTP 401)" + detail, 401, null);
            case 403 ->
                new SplunkPermissionException("Permission denied for " + path + " (HTTP 403)" + detail, 403, null);
            case 404 ->
                new SplunkNotFoundException(
                        "Splunk endpoint or object not found: " + path + " (HTTP 404)" + detail, 404, null);
            default ->
                new SplunkException("Unexpected answer from " + path + " (HTTP " + status + ")" + detail, status, null);
        };
    }
}
