package io.github.splunkdeltabridge.emulator.http;

import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.jobs.SearchJob;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code content} of a job's Atom entry with the keys the REST API Reference lists for
 * {@code GET search/jobs/{search_id}} (dispatchState, doneProgress, eventCount, resultCount, isDone, isFailed,
 * isFinalized, isPaused, ttl, messages, request, runtime …). Booleans and numbers are typed: the XML form
 * writes them as {@code 1}/{@code 0} and digits, the JSON form as JSON booleans and numbers.
 */
final class JobContent {

    private JobContent() {}

    static Map<String, Object> of(SearchJob job, ZoneId zone) {
        boolean done = job.isDone();
        long events = job.eventCount();
        long results = job.resultCount();
        boolean transforming = job.run().isTransforming();
        EventQuery query = job.run().query();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("canSummarize", false);
        c.put("cursorTime", time(query.earliest() == null ? Instant.EPOCH : query.earliest(), zone));
        c.put("defaultSaveTTL", "604800");
        c.put("defaultTTL", "600");
        c.put("delegate", "");
        c.put("diskUsage", job.diskUsageBytes());
        c.put("dispatchState", job.dispatchState());
        c.put("doneProgress", Math.round(job.progress() * 100) / 100.0);
        c.put("dropCount", 0);
        c.put("earliestTime", query.earliest() == null ? "" : time(query.earliest(), zone));
        c.put("eventAvailableCount", Math.min(events, job.maxCount()));
        c.put("eventCount", events);
        c.put("eventFieldCount", 0);
        c.put("eventIsStreaming", !transforming);
        c.put("eventIsTruncated", events > job.maxCount());
        c.put("eventSearch", eventSearch(job.request().get("search")));
        c.put("eventSorting", "desc");
        c.put("isBatchModeSearch", false);
        c.put("isDone", done);
        c.put("isEventsPreviewEnabled", false);
        c.put("isFailed", false);
        c.put("isFinalized", job.isFinalized() || done && job.stoppedEarly());
        c.put("isPaused", job.isPaused());
        c.put("isPreviewEnabled", false);
        c.put("isRealTimeSearch", false);
        c.put("isRemoteTimeline", false);
        c.put("isSaved", false);
        c.put("isSavedSearch", false);
        c.put("isTimeCursored", true);
        c.put("isZombie", false);
        c.put("keywords", "");
        c.put("label", "");
        c.put("latestTime", query.latest() == null ? "" : time(query.latest(), zone));
        c.put("normalizedSearch", job.request().getOrDefault("search", ""));
        c.put("numPreviews", 0);
        c.put("optimizedSearch", job.request().getOrDefault("search", ""));
        c.put("pid", Long.toString(ProcessHandle.current().pid()));
        c.put("priority", job.priority());
        c.put("provenance", "");
        c.put("remoteSearch", job.request().getOrDefault("search", ""));
        c.put("reportSearch", transforming ? job.request().getOrDefault("search", "") : "");
        c.put("resultCount", results);
        c.put("resultIsStreaming", !transforming);
        c.put("resultPreviewCount", results);
        c.put("runDuration", Math.round(job.progress() * 1000) / 1000.0);
        c.put("sampleRatio", "1");
        c.put("sampleSeed", "0");
        c.put("scanCount", events);
        c.put("searchCanBeEventType", !transforming);
        c.put("searchTotalBucketsCount", 0);
        c.put("searchTotalEliminatedBucketsCount", 0);
        c.put("sid", job.sid());
        c.put("statusBuckets", 0);
        c.put("ttl", job.ttlSeconds());
        c.put("messages", messages(job.messages()));
        Map<String, Object> request = new LinkedHashMap<>();
        job.requestEntries().forEach(e -> request.put(e.getKey(), e.getValue()));
        c.put("request", request);
        c.put("runtime", Map.of("auto_cancel", "0", "auto_pause", "0"));
        c.put("searchProviders", List.of(job.run().search().generating() == null ? "splunk-emulator" : ""));
        return c;
    }

    /** {@code messages} as Splunk lists them in a job entry: a dict of lower-case type to a list of texts. */
    private static Map<String, Object> messages(List<SearchJob.Message> messages) {
        Map<String, Object> byType = new LinkedHashMap<>();
        for (SearchJob.Message m : messages) {
            @SuppressWarnings("unchecked")
            List<String> texts = (List<String>)
                    byType.computeIfAbsent(m.type().toLowerCase(Locale.ROOT), t -> new ArrayList<String>());
            texts.add(m.text());
        }
        return byType;
    }

    private static String eventSearch(String search) {
        if (search == null) {
            return "";
        }
        int pipe = search.indexOf("| stats");
        return pipe > 0 ? search.substring(0, pipe).trim() : search;
    }

    private static String time(Instant t, ZoneId zone) {
        return ServerContext.millisTime(t, zone);
    }
}
