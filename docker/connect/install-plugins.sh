#!/bin/sh
# Unpacks this project's plugin zips (built by ./mvnw -B package -DskipTests) into the Connect plugin volume.
# Runs in the connect-plugins one-shot container (busybox): the repository is mounted read-only at /src and the
# volume, which Connect reads as /opt/connect-plugins, at /plugins.
set -eu

SRC=${SRC:-/src}
PLUGINS=${PLUGINS:-/plugins}

# Remove what an earlier run unpacked, so a rebuilt or renamed version never sits beside the old one.
rm -rf "$PLUGINS"/splunk-delta-bridge-*

# One zip per module, named by the assembly's finalName in the module's pom.
for pattern in \
    "splunk-source-connector/target/splunk-delta-bridge-splunk-source-*.zip" \
    "s3-sink-connector/target/splunk-delta-bridge-s3-sink-*.zip"; do
    # shellcheck disable=SC2086 # unquoted on purpose: expands the glob
    set -- "$SRC"/$pattern
    if [ ! -f "$1" ]; then
        echo "No plugin zip matches $pattern: build the plugins first with ./mvnw -B package -DskipTests" >&2
        exit 1
    fi
    if [ "$#" -gt 1 ]; then
        echo "Several zips match $pattern ($*): remove the stale ones (./mvnw -B clean package -DskipTests)" >&2
        exit 1
    fi
    # Each zip holds one top-level directory (manifest.json, lib/, doc/): one plugin directory per zip.
    unzip -q -o "$1" -d "$PLUGINS"
    echo "Installed $(basename "$1")"
done
