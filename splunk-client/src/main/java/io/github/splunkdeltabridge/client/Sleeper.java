package io.github.splunkdeltabridge.client;

import java.time.Duration;

/** Waits between retries; injectable so tests never sleep. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SplunkException("Interrupted while waiting to retry", e);
        }
    };

    void sleep(Duration duration);
}
