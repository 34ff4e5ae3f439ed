#!/bin/sh
# Creates the Splunk indexes the source reads (config/splunk-source.json: splunk.indexes) and sends each of them
# EVENTS_PER_INDEX sample events over the HTTP Event Collector, spread over the last SPAN_SECONDS of event time.
# Runs in the splunk-sample-events one-shot container (curlimages/curl) once Splunk is healthy. An index that
# already exists is left alone, so running it again does not send the same sample twice.
set -eu

: "${SPLUNK_PASSWORD:?SPLUNK_PASSWORD is not set}"
: "${SPLUNK_HEC_TOKEN:?SPLUNK_HEC_TOKEN is not set}"
SPLUNK_HOST=${SPLUNK_HOST:-splunk}
SPLUNK_INDEXES=${SPLUNK_INDEXES:-web os app}
EVENTS_PER_INDEX=${EVENTS_PER_INDEX:-200}
SPAN_SECONDS=${SPAN_SECONDS:-7200}

MGMT="https://$SPLUNK_HOST:8089"
HEC="https://$SPLUNK_HOST:8088/services/collector/event"
# A fresh Splunk container has a self-signed certificate (-k). Splunk restarts while it provisions, hence retries.
splunk_curl() {
    curl -sS -k --retry 12 --retry-delay 5 --retry-all-errors "$@"
}

# Prints one HEC event (JSON) per line for index $1: time, host, source, sourcetype and a raw event in the
# style of that index (access log, syslog or a JSON application event).
events() {
    awk -v index_name="$1" -v count="$EVENTS_PER_INDEX" -v now="$(date +%s)" -v span="$SPAN_SECONDS" '
    BEGIN {
        srand(42)
        split("GET GET GET POST PUT DELETE", methods, " ")
        split("200 200 200 200 201 301 404 500 503", statuses, " ")
        split("/ /cart /products/17 /products/42 /login /api/orders /search?q=splunk", uris, " ")
        split("sshd cron systemd kernel sudo", processes, " ")
        split("INFO INFO INFO WARN ERROR DEBUG", levels, " ")
        for (i = 0; i < count; i++) {
            t = now - span + int(i * span / count)
            host = sprintf("host-%02d", i % 5)
            if (index_name == "web") {
                raw = sprintf("10.0.%d.%d - - \\\"%s %s HTTP/1.1\\\" %s %d \\\"-\\\" \\\"Mozilla/5.0\\\"",
                    int(rand() * 8), int(rand() * 250) + 1, methods[int(rand() * 6) + 1],
                    uris[int(rand() * 7) + 1], statuses[int(rand() * 9) + 1], int(rand() * 20000) + 200)
                source = "/var/log/nginx/access.log"; sourcetype = "access_combined"
            } else if (index_name == "os") {
                p = processes[int(rand() * 5) + 1]
                raw = sprintf("%s %s[%d]: sample message %d from %s", host, p, int(rand() * 30000) + 100, i, p)
                source = "/var/log/syslog"; sourcetype = "syslog"
            } else {
                raw = sprintf("{\\\"level\\\":\\\"%s\\\",\\\"user\\\":\\\"user%d\\\",\\\"action\\\":\\\"checkout\\\",\\\"duration_ms\\\":%d,\\\"seq\\\":%d}",
                    levels[int(rand() * 6) + 1], int(rand() * 50), int(rand() * 900) + 5, i)
                source = "app"; sourcetype = "_json"
            }
            printf "{\"time\":%d,\"index\":\"%s\",\"host\":\"%s\",\"source\":\"%s\",\"sourcetype\":\"%s\",\"event\":\"%s\"}\n",
                t, index_name, host, source, sourcetype, raw
        }
    }'
}

for index in $SPLUNK_INDEXES; do
    status=$(splunk_curl -o /dev/null -w '%{http_code}' -u "admin:$SPLUNK_PASSWORD" "$MGMT/services/data/indexes/$index")
    if [ "$status" = 200 ]; then
        echo "Index $index already exists: no sample events sent to it"
        continue
    fi
    splunk_curl --fail -o /dev/null -u "admin:$SPLUNK_PASSWORD" "$MGMT/services/data/indexes" --data-urlencode "name=$index"
    # HEC takes several events in one request, one JSON object after the other.
    reply=$(events "$index" | splunk_curl -H "Authorization: Splunk $SPLUNK_HEC_TOKEN" --data-binary @- "$HEC")
    case "$reply" in
        *'"code":0'*) echo "Sent $EVENTS_PER_INDEX events to index $index" ;;
        *) echo "HEC refused the events for index $index: $reply" >&2; exit 1 ;;
    esac
done
