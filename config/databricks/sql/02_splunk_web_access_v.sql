-- Web access events (those with a URI path and an HTTP status), for traffic and error dashboards.
-- Parameter :schema as in 01_splunk_events_v.sql, which must run first.
USE SCHEMA IDENTIFIER(:schema);

CREATE OR REPLACE VIEW splunk_web_access_v
COMMENT 'HTTP requests from Splunk web access logs: one row per request, typed status and bytes.'
AS SELECT
  event_time,
  event_date,
  event_hour,
  splunk_index,
  host,
  sourcetype,
  clientip,
  method,
  uri_path,
  status,
  concat(CAST(status DIV 100 AS STRING), 'xx') AS status_class,
  status >= 500 AS is_server_error,
  bytes,
  useragent,
  event_id
FROM splunk_events_v
WHERE uri_path IS NOT NULL AND status IS NOT NULL;
