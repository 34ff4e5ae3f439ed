#!/usr/bin/env bash
# Entry point of the delta-job container (apache/spark), see docker-compose.yml.
#   (no argument) or job options   runs the Delta ingest job once (available-now) from the landing bucket;
#                                  options given here override the defaults, e.g. --max-files-per-trigger 100
#   sql ['QUERY']                  runs Spark SQL against the Delta table (default: events per index)
set -euo pipefail

: "${SPARK_PACKAGES:?}" "${JOB_JAR:?}" "${SOURCE_PATH:?}" "${TARGET_PATH:?}" "${CHECKPOINT_LOCATION:?}"

submit_args=(
    --master 'local[*]'
    --driver-memory "${DRIVER_MEMORY:-2g}"
    --packages "$SPARK_PACKAGES"
    # Ivy's cache on the spark-ivy volume: the packages are downloaded once, not on every run.
    --conf spark.jars.ivy=/ivy
)
if [[ -n "${S3_ENDPOINT:-}" ]]; then
    # MinIO: path-style URLs against its endpoint. Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
    submit_args+=(
        --conf "spark.hadoop.fs.s3a.endpoint=$S3_ENDPOINT"
        --conf spark.hadoop.fs.s3a.path.style.access=true
        --conf "spark.hadoop.fs.s3a.endpoint.region=${AWS_REGION:-us-east-1}"
    )
fi

# spark-sql keeps a local metastore in the working directory; keep it out of the volumes.
cd /tmp

if [[ "${1:-}" == sql ]]; then
    default_query="SELECT \`index\`, count(*) AS events, min(event_time) AS first_event, max(event_time) AS last_event
                   FROM delta.\`$TARGET_PATH\` GROUP BY \`index\` ORDER BY \`index\`"
    query=${2:-$default_query}
    exec /opt/spark/bin/spark-sql "${submit_args[@]}" \
        --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension \
        --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog \
        -e "$query"
fi

if [[ ! -f "$JOB_JAR" ]]; then
    echo "$JOB_JAR not found: build it with ./mvnw -B package -DskipTests (module delta-ingest-job)" >&2
    exit 1
fi

# Defaults go in a --config file because the job lets its command line override that file.
defaults=/tmp/delta-job.properties
cat > "$defaults" <<EOF
source-path=$SOURCE_PATH
checkpoint-location=$CHECKPOINT_LOCATION
target-path=$TARGET_PATH
trigger=available-now
EOF

exec /opt/spark/bin/spark-submit "${submit_args[@]}" \
    --class io.github.splunkdeltabridge.delta.DeltaIngestJob \
    "$JOB_JAR" --config "$defaults" "$@"
