-- How current the lake is, per Splunk index: newest event, newest index time, last ingestion, and the lag between
-- Splunk indexing an event and the job merging it. Parameter :schema as in 01_splunk_events_v.sql.
USE SCHEMA IDENTIFIER(:schema);

CREATE OR REPLACE VIEW splunk_ingest_freshness_v
COMMENT 'Per index: event count, newest event and index time, last ingestion, and indexing-to-lake lag in seconds.'
AS SELECT
  `index` AS splunk_index,
  count(*) AS events,
  max(event_time) AS latest_event_time,
  max(index_time) AS latest_index_time,
  max(ingested_at) AS last_ingested_at,
  timestampdiff(SECOND, max(index_time), max(ingested_at)) AS lag_seconds
FROM splunk_events
GROUP BY `index`;
