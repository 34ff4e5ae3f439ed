# Databricks notebook source
# MAGIC %md
# MAGIC # Splunk backfill into Delta, without Kafka
# MAGIC
# MAGIC Copies a range of Splunk indexes straight into the events table through delta-ingest-job's
# MAGIC `--source-reader splunk`: the range is cut into time slices, searches x slices are read in parallel by the
# MAGIC executors (never more searches at once than *max_concurrent_searches*), and each micro-batch goes through the
# MAGIC job's dedupe and insert-only MERGE. Progress is kept in *checkpoint_location*: run the notebook again with the
# MAGIC same checkpoint and it continues where it stopped; with a new checkpoint it re-reads the range and the MERGE adds
# MAGIC only the events the table lacks (a repair).
# MAGIC
# MAGIC Needs the cluster library `delta-ingest-job-all.jar` and dedicated (single-user) access mode: the notebook calls
# MAGIC the job's Java entry point. The Splunk token comes from a secret scope and reaches the reader as a session
# MAGIC setting, never as an argument or in a log. See docs/spark-source.md.

# COMMAND ----------

dbutils.widgets.text("splunk_url", "", "Splunk REST URL (https://host:8089)")
dbutils.widgets.text("secret_scope", "splunk", "Secret scope of the Splunk token")
dbutils.widgets.text("secret_key", "token", "Secret key of the Splunk token")
dbutils.widgets.text("indexes", "", "Indexes (comma-separated)")
dbutils.widgets.text("backfill_start", "", "Start, event time (ISO-8601, inclusive)")
dbutils.widgets.text("backfill_end", "", "End, event time (ISO-8601, exclusive)")
dbutils.widgets.text("slice_duration", "PT1H", "Slice duration")
dbutils.widgets.text("max_concurrent_searches", "4", "Max concurrent searches")
dbutils.widgets.text("target_table", "main.splunk.splunk_events", "Target table")
dbutils.widgets.text("checkpoint_location", "/Volumes/main/splunk/checkpoints/splunk-backfill", "Checkpoint")

# COMMAND ----------

def required(name):
    value = dbutils.widgets.get(name).strip()
    if not value:
        raise ValueError(f"Widget '{name}' is required")
    return value


reader_settings = {
    "splunk.url": required("splunk_url"),
    "splunk.indexes": required("indexes"),
    "splunk.backfill.start": required("backfill_start"),
    "splunk.backfill.end": required("backfill_end"),
    "splunk.slice.duration": required("slice_duration"),
    "splunk.max.concurrent.searches": required("max_concurrent_searches"),
}
args = ["--source-reader", "splunk"]
for key, value in reader_settings.items():
    args += ["--source-option", f"{key}={value}"]
args += [
    "--target-table", required("target_table"),
    "--checkpoint-location", required("checkpoint_location"),
    "--trigger", "available-now",
]

# COMMAND ----------

token_setting = "spark.datasource.splunk.splunk.token"
spark.conf.set(token_setting, dbutils.secrets.get(scope=required("secret_scope"), key=required("secret_key")))
try:
    jvm = spark._jvm
    java_args = spark.sparkContext._gateway.new_array(jvm.java.lang.String, len(args))
    for i, arg in enumerate(args):
        java_args[i] = arg
    options = jvm.io.github.splunkdeltabridge.delta.options.IngestCommand.parse(java_args)
    summary = jvm.io.github.splunkdeltabridge.delta.DeltaIngestJob.run(spark._jsparkSession, options)
finally:
    spark.conf.unset(token_setting)

print(f"{summary.batches()} micro-batches, {summary.eventsRead()} events read, {summary.rowsInserted()} new rows")
dbutils.notebook.exit(str(summary.rowsInserted()))
