package io.github.splunkdeltabridge.emulator.jobs;

import io.github.splunkdeltabridge.emulator.search.SplunkRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The jobs API's memory: the jobs created and not yet deleted or expired (ttl after their last use). */
public final class SearchJobs {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Map<String, SearchJob> jobs = new ConcurrentHashMap<>();

    /** A new sid in the form of Splunk's ad hoc search ids, {@code <epoch seconds>.<sequence>}. */
    public static String newSid() {
        return Instant.now().getEpochSecond() + "." + SEQUENCE.incrementAndGet();
    }

    public SearchJob add(SearchJob job) {
        forgetExpired();
        jobs.put(job.sid(), job);
        return job;
    }

    /** The job, or a 404 as Splunk answers for an unknown sid. */
    public SearchJob get(String sid) {
        SearchJob job = jobs.get(sid);
        if (job == null) {
            throw unknownSid();
        }
        job.touch();
        return job;
    }

    /** The jobs {@code user} may see (all, for the admin role), newest first. */
    public List<SearchJob> visibleTo(String user, boolean all) {
        forgetExpired();
        List<SearchJob> visible = new ArrayList<>();
        for (SearchJob job : jobs.values()) {
            if (all || job.owner().equals(user)) {
                visible.add(job);
            }
        }
        visible.sort(Comparator.comparing(SearchJob::createdAt)
                .thenComparing(SearchJob::sid)
                .reversed());
        return visible;
    }

    /** Deletes the job (cancel): later requests for it answer 404. */
    public void delete(String sid) {
        if (jobs.remove(sid) == null) {
            throw unknownSid();
        }
    }

    /** Jobs that still hold a slot of the concurrent search quota. */
    public int runningCount() {
        return (int) jobs.values().stream().filter(j -> !j.isDone()).count();
    }

    public int runningCount(String user) {
        return (int) jobs.values().stream()
                .filter(j -> !j.isDone() && j.owner().equals(user))
                .count();
    }

    /** Bytes the user's kept jobs take. */
    public long diskUsageBytes(String user) {
        forgetExpired();
        return jobs.values().stream()
                .filter(j -> j.owner().equals(user))
                .mapToLong(SearchJob::diskUsageBytes)
                .sum();
    }

    private void forgetExpired() {
        long now = System.nanoTime();
        jobs.values().removeIf(job -> job.isDone() && job.isExpired(now));
    }

    private static SplunkRequestException unknownSid() {
        return new SplunkRequestException(404, "FATAL", "Unknown sid.");
    }
}
