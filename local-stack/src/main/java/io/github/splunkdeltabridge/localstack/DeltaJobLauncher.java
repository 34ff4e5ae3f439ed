package io.github.splunkdeltabridge.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Runs the Delta ingest job (and the table report) in a JVM of its own: Spark brings its own Jetty, Hadoop and AWS
 * SDK, which must not meet the Connect worker's. The class path is the one the delta-ingest-job build recorded
 * (Spark, Delta and s3a, which Databricks would provide) plus the job's own classes; S3 credentials go through the
 * child's environment, never its command line.
 */
final class DeltaJobLauncher implements AutoCloseable {

    static final String JOB_CLASS = "io.github.splunkdeltabridge.delta.DeltaIngestJob";
    /** The job, then the table report in the same JVM and Spark session. */
    static final String JOB_THEN_REPORT_CLASS = "io.github.splunkdeltabridge.delta.report.IngestThenReport";

    private static final String RESOURCES = "META-INF/splunk-delta-bridge/";

    /**
     * Spark settings for a local[2] run over a local stack's few thousand rows, as system properties (SparkConf reads
     * {@code spark.*} ones). Spark's defaults are sized for clusters: 200 shuffle partitions and 50 partitions to
     * rebuild a Delta snapshot meant hundreds of near-empty tasks per MERGE and per count on two cores.
     */
    static final List<String> SMALL_DATA_SPARK_CONF =
            List.of("-Dspark.sql.shuffle.partitions=4", "-Dspark.databricks.delta.snapshotPartitions=2");

    private final Path workDir;
    private final Map<String, String> environment;
    private final List<String> javaCommand;
    private volatile Process running;

    DeltaJobLauncher(Path workDir, Map<String, String> environment) {
        this(workDir, environment, List.of());
    }

    /** With {@code extraClasspath} ahead of the job's classes (another Spark command, such as reconcile). */
    DeltaJobLauncher(Path workDir, Map<String, String> environment, List<String> extraClasspath) {
        this.workDir = workDir;
        this.environment = environment;
        this.javaCommand = javaCommand(workDir, extraClasspath);
    }

    /** Runs one class to completion, passing each output line to {@code lines}; fails on a non-zero exit. */
    void run(String mainClass, List<String> args, Consumer<String> lines) {
        List<String> tail = new ArrayList<>();
        int exit = exitCode(mainClass, args, line -> {
            lines.accept(line);
            tail.add(line);
            if (tail.size() > 20) {
                tail.remove(0);
            }
        });
        if (exit != 0) {
            throw new StackException(mainClass.substring(mainClass.lastIndexOf('.') + 1) + " exited with code " + exit
                    + "; its last lines:\n  " + String.join("\n  ", tail));
        }
    }

    /** Runs one class to completion, passing each output line to {@code lines}; answers its exit code. */
    int exitCode(String mainClass, List<String> args, Consumer<String> lines) {
        List<String> command = new ArrayList<>(javaCommand);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process;
        try {
            process = builder.start();
            running = process;
        } catch (IOException e) {
            throw new StackException("Cannot start a JVM for the Delta job: " + e.getMessage(), e);
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.accept(line);
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new StackException("Lost the Delta job's output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while the Delta job ran", e);
        }
    }

    /** Stops a child still running (Ctrl-C during a Delta run), so no Spark JVM outlives the stack. */
    @Override
    public void close() {
        Process process = running;
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /**
     * SIGKILLs the child running now, if any, as a Spark driver dies when its container is killed: no shutdown hooks,
     * no cleanup. The fault suite uses it to kill the job in the middle of a MERGE.
     */
    void kill() {
        Process process = running;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Echoes a child's output lines to the console, indented (its log4j2 settings keep Spark to warnings). */
    static Consumer<String> printer(PrintStream out) {
        return line -> out.println("    " + line);
    }

    private static List<String> javaCommand(Path workDir, List<String> extraClasspath) {
        String sparkClasspath = resource("spark-classpath.txt").trim();
        Properties runOptions = new Properties();
        try {
            runOptions.load(new java.io.StringReader(resource("local-run.properties")));
            Path log4j = workDir.resolve("log4j2-delta.properties");
            Files.createDirectories(workDir);
            try (InputStream config = DeltaJobLauncher.class.getResourceAsStream("log4j2-delta.properties")) {
                Files.write(log4j, config.readAllBytes());
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx1g");
            command.addAll(
                    Arrays.asList(runOptions.getProperty("jvm.options").trim().split("\\s+")));
            command.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
            command.addAll(SMALL_DATA_SPARK_CONF);
            command.add("-cp");
            List<String> classpath = new ArrayList<>(extraClasspath);
            classpath.add(jobClasses());
            classpath.add(sparkClasspath);
            command.add(String.join(java.io.File.pathSeparator, classpath));
            return command;
        } catch (IOException e) {
            throw new StackException("Cannot prepare the Delta job's JVM: " + e.getMessage(), e);
        }
    }

    /** The jar (or classes directory) holding the job, as found on this JVM's class path. */
    private static String jobClasses() {
        try {
            Class<?> job = Class.forName(JOB_CLASS, false, DeltaJobLauncher.class.getClassLoader());
            return Path.of(job.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new StackException(
                    "The delta-ingest-job classes are not on the class path; rebuild with bin/local-pipeline --rebuild",
                    e);
        }
    }

    static String resource(String name) {
        try (InputStream in = DeltaJobLauncher.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new StackException(RESOURCES + name
                        + " is missing from the delta-ingest-job build; rebuild with bin/local-pipeline --rebuild");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("Cannot read " + RESOURCES + name + ": " + e.getMessage(), e);
        }
    }
}
