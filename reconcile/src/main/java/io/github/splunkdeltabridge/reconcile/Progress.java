package io.github.splunkdeltabridge.reconcile;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress lines while a reconcile runs (a year of hours over many indexes takes minutes): each step, and a line
 * every few seconds while a long step (the Spark count) has not answered.
 */
public final class Progress {

    private static final Duration TICK = Duration.ofSeconds(10);

    private final PrintStream out;
    private final long started = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void line(String format, Object... args) {
        out.printf("[%5.0fs] %s%n", elapsedSeconds(), String.format(format, args));
        out.flush();
    }

    /** Runs {@code work}, printing {@code status} every few seconds until it returns. */
    public <T> T whileRunning(String what, Supplier<String> status, Supplier<T> work) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reconcile-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(
                () -> line("%s: still running%s", what, status.get()),
                TICK.toMillis(),
                TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return work.get();
        } finally {
            ticker.shutdownNow();
        }
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
