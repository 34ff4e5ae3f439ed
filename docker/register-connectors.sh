#!/usr/bin/env bash
# Registers the connectors of config/ with a Kafka Connect worker, by default the one of docker-compose.yml:
# PUT /connectors/<name>/config with each file's "config" object, adapted to this environment. Run it again
# after changing a file or a variable: PUT creates or updates.
#
#   docker/register-connectors.sh [--confluent-sink] [--dry-run]
#
#   --confluent-sink  Confluent's kafka-connect-s3 (config/confluent-s3-sink.json) instead of this project's sink
#                     (config/s3-sink.json); the source then writes Avro through Schema Registry, as that file
#                     expects.
#   --dry-run         print the configs that would be sent, and send nothing.
#
# Environment (the defaults fit docker-compose.yml):
#   CONNECT_URL             Connect REST API (http://localhost:8083)
#   SPLUNK_URL              Splunk's REST URL (https://splunk:8089, the stack's Splunk of profile "splunk")
#   SPLUNK_AUTH             token (the worker's SPLUNK_TOKEN) or password (SPLUNK_USERNAME and the worker's
#                           SPLUNK_PASSWORD); default: password for the stack's Splunk, token otherwise
#   SPLUNK_USERNAME         user for SPLUNK_AUTH=password (admin)
#   SPLUNK_TLS_VERIFY       true or false; default: false for the stack's Splunk (self-signed), true otherwise
#   SPLUNK_INDEXES          comma-separated indexes to copy (default: the file's)
#   SPLUNK_BACKFILL_START   ISO-8601 time or epoch seconds; default: kept from the registered connector, else
#                           24 hours ago (the file's 2024-01-01 would mean thousands of hourly searches)
#   S3_ENDPOINT             S3 endpoint (http://minio:9000); "aws" for Amazon S3 itself
#   S3_BUCKET, S3_REGION    default: the file's
#   REPLICATION_FACTOR      for the dead letter queue and the topics Connect creates (1: the stack has one broker)
#   SINK_ROTATE_SCHEDULE_INTERVAL_MS
#                           wall-clock rotation of the sink (60000, so a quiet tail still lands within a minute;
#                           -1 keeps the file's deterministic rotation only). The Delta job's MERGE on the event
#                           id makes the overlapping objects a replay may then leave harmless.
#
# Secrets are never read or printed here: the configs refer to ${env:SPLUNK_TOKEN} and ${env:SPLUNK_PASSWORD},
# which the worker resolves from its own environment (set them in docker/.env for the compose stack).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOURCE_FILE=$ROOT/config/splunk-source.json
SINK_FILE=$ROOT/config/s3-sink.json
CONFLUENT_SINK_FILE=$ROOT/config/confluent-s3-sink.json
STACK_SPLUNK_URL=https://splunk:8089

die() {
    echo "register-connectors: $*" >&2
    exit 1
}

usage() {
    sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

confluent_sink=false
dry_run=false
for arg in "$@"; do
    case $arg in
        --confluent-sink) confluent_sink=true ;;
        --dry-run) dry_run=true ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument '$arg' (see --help)" ;;
    esac
done

command -v jq > /dev/null || die "needs jq (https://jqlang.org)"
command -v curl > /dev/null || die "needs curl"

CONNECT_URL=${CONNECT_URL:-http://localhost:8083}
CONNECT_URL=${CONNECT_URL%/}
SPLUNK_URL=${SPLUNK_URL:-$STACK_SPLUNK_URL}
if [[ "$SPLUNK_URL" == "$STACK_SPLUNK_URL" ]]; then
    SPLUNK_AUTH=${SPLUNK_AUTH:-password}
    SPLUNK_TLS_VERIFY=${SPLUNK_TLS_VERIFY:-false}
else
    SPLUNK_AUTH=${SPLUNK_AUTH:-token}
    SPLUNK_TLS_VERIFY=${SPLUNK_TLS_VERIFY:-true}
fi
SPLUNK_USERNAME=${SPLUNK_USERNAME:-admin}
SPLUNK_INDEXES=${SPLUNK_INDEXES:-}
S3_ENDPOINT=${S3_ENDPOINT:-http://minio:9000}
S3_BUCKET=${S3_BUCKET:-}
S3_REGION=${S3_REGION:-}
REPLICATION_FACTOR=${REPLICATION_FACTOR:-1}
SINK_ROTATE_SCHEDULE_INTERVAL_MS=${SINK_ROTATE_SCHEDULE_INTERVAL_MS:-60000}

case $SPLUNK_AUTH in token | password) ;; *) die "SPLUNK_AUTH must be token or password, not '$SPLUNK_AUTH'" ;; esac
case $SPLUNK_TLS_VERIFY in true | false) ;; *) die "SPLUNK_TLS_VERIFY must be true or false" ;; esac

sink_file=$SINK_FILE
if [[ "$confluent_sink" == true ]]; then
    sink_file=$CONFLUENT_SINK_FILE
fi
for file in "$SOURCE_FILE" "$sink_file"; do
    [[ -f "$file" ]] || die "$file not found"
    jq -e '(.name | type == "string") and (.config | type == "object")' "$file" > /dev/null \
        || die "$file is not a {\"name\": ..., \"config\": {...}} connector file"
done

# Waits until the worker answers (it installs Confluent Hub components before starting).
wait_for_connect() {
    local deadline=$((SECONDS + ${CONNECT_WAIT_SECONDS:-300}))
    if ! curl -fs -o /dev/null "$CONNECT_URL/connectors"; then
        echo "Waiting for Kafka Connect at $CONNECT_URL"
    fi
    until curl -fs -o /dev/null "$CONNECT_URL/connectors"; do
        ((SECONDS < deadline)) || die "Kafka Connect does not answer at $CONNECT_URL (docker compose logs connect)"
        sleep 5
    done
}

# The value of a setting of a registered connector, or nothing if the connector is not registered.
registered_setting() {
    curl -fsS "$CONNECT_URL/connectors/$1/config" 2> /dev/null | jq -r --arg key "$2" '.[$key] // empty' || true
}

if [[ "$dry_run" == false ]]; then
    wait_for_connect
fi

source_name=$(jq -r .name "$SOURCE_FILE")
backfill_start=${SPLUNK_BACKFILL_START:-}
if [[ -z "$backfill_start" && "$dry_run" == false ]]; then
    # Keeps the start of a connector registered before, so running this again does not move the backfill.
    backfill_start=$(registered_setting "$source_name" splunk.backfill.start)
fi
if [[ -z "$backfill_start" ]]; then
    backfill_start=$(($(date +%s) - 24 * 3600))
fi

# With Confluent's sink the records are Avro: the source takes the sink file's value converter settings.
value_converter=null
if [[ "$confluent_sink" == true ]]; then
    value_converter=$(jq -c '.config | with_entries(select(.key | startswith("value.converter")))' "$sink_file")
fi

source_config=$(jq \
    --arg url "$SPLUNK_URL" \
    --arg verify "$SPLUNK_TLS_VERIFY" \
    --arg auth "$SPLUNK_AUTH" \
    --arg user "$SPLUNK_USERNAME" \
    --arg indexes "$SPLUNK_INDEXES" \
    --arg start "$backfill_start" \
    --arg rf "$REPLICATION_FACTOR" \
    --argjson converter "$value_converter" '
    .config
    | .["splunk.url"] = $url
    | .["splunk.tls.verify"] = $verify
    | if $auth == "password"
      then del(.["splunk.token"], .["splunk.token.type"])
           | .["splunk.username"] = $user
           | .["splunk.password"] = "${env:SPLUNK_PASSWORD}"
      else .
      end
    | if $indexes != "" then .["splunk.indexes"] = $indexes else . end
    | .["splunk.backfill.start"] = $start
    | .["topic.creation.default.replication.factor"] = $rf
    | .["topic.creation.default.partitions"] = "3"
    | if $converter != null
      then del(.["value.converter.schemas.enable"]) + $converter
      else .
      end' "$SOURCE_FILE")

sink_config=$(jq \
    --arg endpoint "$S3_ENDPOINT" \
    --arg bucket "$S3_BUCKET" \
    --arg region "$S3_REGION" \
    --arg rf "$REPLICATION_FACTOR" \
    --arg rotate "$SINK_ROTATE_SCHEDULE_INTERVAL_MS" '
    .config
    | if $endpoint == "aws"
      then del(.["store.url"], .["s3.path.style.access.enabled"])
      else .["store.url"] = $endpoint | .["s3.path.style.access.enabled"] = "true"
      end
    | if $bucket != "" then .["s3.bucket.name"] = $bucket else . end
    | if $region != "" then .["s3.region"] = $region else . end
    | .["errors.deadletterqueue.topic.replication.factor"] = $rf
    | .["rotate.schedule.interval.ms"] = $rotate' "$sink_file")

sink_name=$(jq -r .name "$sink_file")

# The config as sent: the validate endpoint requires the name; PUT accepts it when it matches the path.
named() {
    jq --arg name "$1" '. + {name: $name}' <<< "$2"
}

# Checks that the worker has the plugin and accepts the config (its errors name the setting).
check() {
    local name=$1 config class reply
    config=$(named "$name" "$2")
    class=$(jq -r '.["connector.class"]' <<< "$config")
    if ! curl -fsS "$CONNECT_URL/connector-plugins" | jq -e --arg class "$class" 'any(.[]; .class == $class)' > /dev/null; then
        if [[ "$class" == io.confluent.* ]]; then
            die "the worker has no plugin $class: the connect service installs it from Confluent Hub when it" \
                "starts (CONFLUENT_HUB_COMPONENTS; see docker compose logs connect)"
        fi
        die "the worker has no plugin $class: build the plugin zips (./mvnw -B package -DskipTests), then" \
            "docker compose up -d --force-recreate connect-plugins connect"
    fi
    reply=$(curl -sS -X PUT -H 'Content-Type: application/json' --data "$config" \
        "$CONNECT_URL/connector-plugins/$class/config/validate")
    if ! jq -e '.error_count == 0' <<< "$reply" > /dev/null 2>&1; then
        echo "$name: the worker rejects the config:" >&2
        jq -r '.configs[]?.value | select((.errors | length) > 0) | "  \(.name): \(.errors | join("; "))"' \
            <<< "$reply" >&2 2> /dev/null || echo "$reply" >&2
        exit 1
    fi
}

# Creates or updates the connector.
put() {
    local name=$1 config reply status
    config=$(named "$name" "$2")
    reply=$(mktemp)
    status=$(curl -sS -o "$reply" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' --data "$config" \
        "$CONNECT_URL/connectors/$name/config")
    case $status in
        201) echo "$name: created" ;;
        200) echo "$name: updated" ;;
        *)
            echo "$name: HTTP $status from PUT /connectors/$name/config:" >&2
            cat "$reply" >&2
            rm -f "$reply"
            exit 1
            ;;
    esac
    rm -f "$reply"
}

if [[ "$dry_run" == true ]]; then
    jq -n --arg name "$source_name" --argjson config "$source_config" '{name: $name, config: $config}'
    jq -n --arg name "$sink_name" --argjson config "$sink_config" '{name: $name, config: $config}'
    exit 0
fi

# Both are checked before either is sent, so a refused one leaves the other as it was.
check "$source_name" "$source_config"
check "$sink_name" "$sink_config"
put "$source_name" "$source_config"
put "$sink_name" "$sink_config"
echo "Splunk $SPLUNK_URL (indexes $(jq -r '.["splunk.indexes"]' <<< "$source_config"), backfill from" \
    "$backfill_start) -> Kafka -> s3://$(jq -r '.["s3.bucket.name"]' <<< "$sink_config")/$(jq -r '.["topics.dir"]' <<< "$sink_config")"
echo "Status: curl -s '$CONNECT_URL/connectors?expand=status' | jq"
