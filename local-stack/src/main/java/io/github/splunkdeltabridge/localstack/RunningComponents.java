package io.github.splunkdeltabridge.localstack;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The components started so far, stopped in reverse order exactly once: at the end of a run, on a failure, or from
 * the Ctrl-C shutdown hook (whichever comes first).
 */
final class RunningComponents implements AutoCloseable {

    private record Named(String name, AutoCloseable component) {}

    private final Deque<Named> started = new ArrayDeque<>();
    private final PrintStream out;

    RunningComponents(PrintStream out) {
        this.out = out;
    }

    synchronized <T extends AutoCloseable> T add(String name, T component) {
        started.push(new Named(name, component));
        return component;
    }

    @Override
    public synchronized void close() {
        if (started.isEmpty()) {
            return;
        }
        out.println("Stopping "
                + String.join(", ", started.stream().map(Named::name).toList()) + " ...");
        while (!started.isEmpty()) {
            Named next = started.pop();
            try {
                next.component().close();
            } catch (Exception e) {
                out.println("  stopping the " + next.name() + " failed: " + e.getMessage());
            }
        }
        out.println("Stopped. State is kept in the data folder; run again to resume.");
    }
}
