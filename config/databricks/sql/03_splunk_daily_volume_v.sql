-- Daily event counts and raw volume per index, sourcetype and host: what was migrated, and capacity trends.
-- Parameter :schema as in 01_splunk_events_v.sql, which must run first.
USE SCHEMA IDENTIFIER(:schema);

CREATE OR REPLACE VIEW splunk_daily_volume_v
COMMENT 'Events and raw bytes per day (UTC), index, sourcetype and host.'
AS SELECT
  event_date,
  splunk_index,
  sourcetype,
  host,
  count(*) AS events,
  sum(octet_length(raw)) AS raw_bytes,
  min(event_time) AS first_event_time,
  max(event_time) AS last_event_time
FROM splunk_events_v
GROUP BY event_date, splunk_index, sourcetype, host;
