package io.github.splunkdeltabridge.emulator.data;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/** What one generated index holds: its sourcetype and how an event's text and extracted fields look. */
enum EventProfile {

    /** Web access logs in Apache combined format. */
    WEB("web", "access_combined") {
        @Override
        Content content(Instant time, SplittableRandom r) {
            String host = "web-0" + (1 + r.nextInt(4));
            String clientIp = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            String method = pick(r, "GET", "GET", "GET", "POST", "PUT", "DELETE");
            String uri = pick(r, "/", "/cart", "/products/" + r.nextInt(5000), "/search?q=caf%C3%A9", "/api/v2/orders");
            String status = pick(r, "200", "200", "200", "201", "301", "404", "500", "503");
            String bytes = Integer.toString(r.nextInt(50_000));
            String agent = pick(
                    r,
                    "Mozilla/5.0 (X11; Linux x86_64)",
                    "curl/8.5.0",
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)");
            String raw = clientIp + " - - [" + APACHE_TIME.format(time.atOffset(ZoneOffset.UTC)) + "] \"" + method + " "
                    + uri + " HTTP/1.1\" " + status + " " + bytes + " \"-\" \"" + agent + "\"";
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("clientip", clientIp);
            fields.put("method", method);
            fields.put("uri_path", uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri);
            fields.put("status", status);
            fields.put("bytes", bytes);
            fields.put("useragent", agent);
            return new Content(host, "/var/log/nginx/access.log", raw, fields);
        }
    },

    /** Syslog lines from a few Linux hosts. */
    OS("os", "syslog") {
        @Override
        Content content(Instant time, SplittableRandom r) {
            String host = "db-0" + (1 + r.nextInt(3));
            String process = pick(r, "sshd", "sshd", "CRON", "kernel", "systemd");
            int pid = 100 + r.nextInt(60_000);
            String user = pick(r, "root", "deploy", "alice", "bob");
            String message = switch (process) {
                case "sshd" ->
                    "Accepted publickey for " + user + " from 192.168.1." + r.nextInt(255) + " port "
                            + (1024 + r.nextInt(60_000)) + " ssh2";
                case "CRON" -> "(" + user + ") CMD (/usr/local/bin/backup.sh --incremental)";
                case "kernel" -> "TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.";
                default -> "Started Session " + r.nextInt(9999) + " of user " + user + ".";
            };
            String raw = SYSLOG_TIME.format(time.atOffset(ZoneOffset.UTC)) + " " + host + " " + process + "[" + pid
                    + "]: " + message;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("process", process);
            fields.put("pid", Integer.toString(pid));
            fields.put("user", user);
            return new Content(host, "/var/log/messages", raw, fields);
        }
    },

    /** JSON application events: nested objects, arrays (multivalue fields), unicode, sometimes very long lines. */
    APP("app", "_json") {
        @Override
        Content content(Instant time, SplittableRandom r) {
            String host = "app-0" + (1 + r.nextInt(2));
            String level = pick(r, "INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG");
            String userName = pick(r, "Zoë Ångström", "田中 太郎", "Ωmega 😀", "Δημήτρης", "plain-user");
            List<String> tags = r.nextBoolean() ? List.of("checkout", "eu-west-1") : List.of("login");
            StringBuilder message =
                    new StringBuilder(pick(r, "order placed", "payment declined", "cache miss", "user logged in ✅"));
            if (r.nextInt(500) == 0) {
                // A very long line, as stack traces and payload dumps make.
                message.append(" payload=").append("x".repeat(12_000 + r.nextInt(4_000)));
            }
            String requestId = new UUID(r.nextLong(), r.nextLong()).toString();
            String raw = "{\"time\":\"" + time + "\",\"level\":\"" + level + "\",\"msg\":\"" + message
                    + "\",\"request_id\":\"" + requestId + "\",\"user\":{\"id\":" + r.nextInt(100_000)
                    + ",\"name\":\"" + userName + "\"},\"tags\":["
                    + String.join(",", tags.stream().map(t -> "\"" + t + "\"").toList())
                    + "],\"latency_ms\":" + r.nextInt(2_000) + "}";
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("level", level);
            fields.put("msg", message.toString());
            fields.put("request_id", requestId);
            fields.put("user.name", userName);
            fields.put("tags{}", tags.size() == 1 ? tags.get(0) : tags);
            return new Content(host, "app.log", raw, fields);
        }
    };

    private static final DateTimeFormatter APACHE_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS Z", Locale.ROOT);
    private static final DateTimeFormatter SYSLOG_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    record Content(String host, String source, String raw, Map<String, Object> fields) {}

    private final String index;
    private final String sourcetype;

    EventProfile(String index, String sourcetype) {
        this.index = index;
        this.sourcetype = sourcetype;
    }

    static List<EventProfile> defaults() {
        return List.of(values());
    }

    String index() {
        return index;
    }

    String sourcetype() {
        return sourcetype;
    }

    /** The GUID part of {@code _bkt}, fixed per seed and index like an indexer's instance GUID. */
    String bucketGuid(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ index.hashCode());
        return new UUID(r.nextLong(), r.nextLong()).toString().toUpperCase(Locale.ROOT);
    }

    abstract Content content(Instant time, SplittableRandom random);

    private static String pick(SplittableRandom r, String... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
