package io.github.splunkdeltabridge.s3testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An STS endpoint on loopback answering AssumeRole and AssumeRoleWithWebIdentity in STS's Query protocol (form
 * parameters in, XML out, as in the STS API reference), recording each request's parameters and Authorization header.
 * It hands out the keys it was given, so a test can make them the keys its {@link S3TestServer} accepts.
 */
public final class FakeSts implements AutoCloseable {

    public static final String ACCESS_KEY = "ASIAFAKESTSSESSION";
    public static final String SECRET_KEY = "fake-sts-session-secret";
    public static final String SESSION_TOKEN = "fake-sts-session-token";

    public record Request(Map<String, String> parameters, String authorization) {}

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    /** Hands out {@link #ACCESS_KEY} and {@link #SECRET_KEY}. */
    public FakeSts() throws IOException {
        this(ACCESS_KEY, SECRET_KEY);
    }

    /** Hands out the given keys (with {@link #SESSION_TOKEN}) for every role. */
    public FakeSts(String accessKey, String secretKey) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> parameters = new HashMap<>();
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(
                            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            requests.add(new Request(parameters, exchange.getRequestHeaders().getFirst("Authorization")));
            String action = parameters.getOrDefault("Action", "");
            byte[] response = ("<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><"
                            + action + "Result><Credentials><AccessKeyId>" + accessKey + "</AccessKeyId>"
                            + "<SecretAccessKey>" + secretKey + "</SecretAccessKey><SessionToken>" + SESSION_TOKEN
                            + "</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                            + "<AssumedRoleUser><AssumedRoleId>AROAFAKE:session</AssumedRoleId>"
                            + "<Arn>arn:aws:sts::123456789012:assumed-role/writer/session</Arn></AssumedRoleUser>"
                            + "</" + action + "Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></"
                            + action + "Response>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
