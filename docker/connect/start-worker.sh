#!/usr/bin/env bash
# Starts the Kafka Connect worker of the compose stack (confluentinc/cp-kafka-connect) after installing the
# Confluent Hub components listed in CONFLUENT_HUB_COMPONENTS (owner/name:version, space-separated).
set -euo pipefail

COMPONENT_DIR=/usr/share/confluent-hub-components

for component in ${CONFLUENT_HUB_COMPONENTS:-}; do
    id=${component%%:*}              # confluentinc/kafka-connect-s3
    installed="$COMPONENT_DIR/${id/\//-}"  # confluent-hub installs into <owner>-<name>
    if [[ -d "$installed" ]]; then
        # Only a restart of this same container gets here (a recreated one starts empty).
        echo "Already installed: $component"
        continue
    fi
    echo "Installing $component from Confluent Hub"
    # --worker-configs /dev/null: plugin.path comes from CONNECT_PLUGIN_PATH, nothing to rewrite.
    confluent-hub install --no-prompt --component-dir "$COMPONENT_DIR" --worker-configs /dev/null "$component"
done

exec /etc/confluent/docker/run
