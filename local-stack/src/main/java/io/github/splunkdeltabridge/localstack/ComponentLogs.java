package io.github.splunkdeltabridge.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the components' logs (Kafka, Connect, s3proxy, connectors; all through slf4j-simple) to a file of the data
 * folder, so the console shows the pipeline's progress rather than thousands of INFO lines. Must run before the
 * first logger is created.
 */
final class ComponentLogs {

    private ComponentLogs() {}

    static void sendTo(Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            // The logger falls back to stderr when it cannot open the file; nothing is lost.
        }
        System.setProperty(
                "org.slf4j.simpleLogger.logFile", logFile.toAbsolutePath().toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
    }
}
