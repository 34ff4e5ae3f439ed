package io.github.splunkdeltabridge.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URL path helpers. */
final class PathSegments {

    private PathSegments() {}

    static String encode(String segment) {
        // URLEncoder does form encoding; a path segment wants %20 rather than '+'.
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
