package io.github.splunkdeltabridge.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap use during a phase: the highest heap use seen by sampling every 5 ms, the highest heap use left after a
 * garbage collection (the live data, what a smaller -Xmx would have to hold), and the collections' count and time.
 */
public final class HeapWatch implements AutoCloseable {

    public record Report(long peakUsedBytes, long peakAfterGcBytes, long collections, long collectionMillis) {}

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final long collectionsBefore;
    private final long collectionMillisBefore;
    private final Thread sampler;
    private final NotificationListener listener;
    private volatile boolean running = true;

    public HeapWatch() {
        collectionsBefore = collections();
        collectionMillisBefore = collectionMillis();
        listener = this::onGc;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        sampler = new Thread(
                () -> {
                    while (running) {
                        long used = ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage()
                                .getUsed();
                        peakUsed.accumulateAndGet(used, Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        long before = 0;
        List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .toList();
        for (String pool : heapPools) {
            MemoryUsage a = info.getGcInfo().getMemoryUsageAfterGc().get(pool);
            MemoryUsage b = info.getGcInfo().getMemoryUsageBeforeGc().get(pool);
            after += a == null ? 0 : a.getUsed();
            before += b == null ? 0 : b.getUsed();
        }
        peakAfterGc.accumulateAndGet(after, Math::max);
        peakUsed.accumulateAndGet(before, Math::max);
    }

    public Report stop() {
        running = false;
        sampler.interrupt();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already removed
            }
        }
        return new Report(
                peakUsed.get(),
                peakAfterGc.get(),
                collections() - collectionsBefore,
                collectionMillis() - collectionMillisBefore);
    }

    @Override
    public void close() {
        stop();
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }
}
