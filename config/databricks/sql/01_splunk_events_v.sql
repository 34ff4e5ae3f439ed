-- Analyst view of the Splunk events written by delta-ingest-job into <schema>.splunk_events.
-- Parameter :schema is the schema holding that table, e.g. main.splunk (the bundle's splunk-delta-views job passes
-- it; in the SQL editor, fill in the parameter box). Valid Spark SQL and Databricks SQL, ANSI mode included:
-- try_element_at gives NULL for a field an event does not have.
USE SCHEMA IDENTIFIER(:schema);

CREATE OR REPLACE VIEW splunk_events_v
COMMENT 'Splunk events: typed times, Splunk metadata, raw text and the common extracted fields (first value of each). The full multivalue map stays in fields.'
AS SELECT
  event_id,
  event_time,
  event_date,
  hour(event_time) AS event_hour,
  index_time,
  `index` AS splunk_index,
  host,
  source,
  sourcetype,
  splunk_server,
  raw,
  -- Web access logs
  try_element_at(try_element_at(fields, 'clientip'), 1) AS clientip,
  try_element_at(try_element_at(fields, 'method'), 1) AS method,
  try_element_at(try_element_at(fields, 'uri_path'), 1) AS uri_path,
  try_cast(try_element_at(try_element_at(fields, 'status'), 1) AS INT) AS status,
  try_cast(try_element_at(try_element_at(fields, 'bytes'), 1) AS BIGINT) AS bytes,
  try_element_at(try_element_at(fields, 'useragent'), 1) AS useragent,
  -- Syslog and applications
  coalesce(try_element_at(try_element_at(fields, 'user'), 1),
           try_element_at(try_element_at(fields, 'user.name'), 1)) AS user,
  try_element_at(try_element_at(fields, 'process'), 1) AS process,
  try_cast(try_element_at(try_element_at(fields, 'pid'), 1) AS INT) AS pid,
  try_element_at(try_element_at(fields, 'level'), 1) AS level,
  fields,
  ingested_at
FROM splunk_events;
