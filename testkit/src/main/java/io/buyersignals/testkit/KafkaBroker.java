package io.buyersignals.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft) in a child JVM, on free ports on 127.0.0.1. It can be stopped and started
 * again on the same log directory and port, as a real broker restart.
 */
public final class KafkaBroker implements AutoCloseable {
    /** Set by the build to the file listing the broker's jars (see local/kafka-broker/pom.xml). */
    public static final String CLASSPATH_PROPERTY = "buyer-signals.kafka-broker.classpath";

    private static final String SETSID = "/usr/bin/setsid";

    private final Path directory;
    private final int port;
    private final String classpath;
    private final Thread killOnExit;
    private Process process;

    private KafkaBroker(Path directory, int port, String classpath) {
        this.directory = directory;
        this.port = port;
        this.classpath = classpath;
        this.killOnExit = new Thread(this::stop, "kafka-broker-cleanup");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Formats a fresh log directory under {@code directory} and starts the broker on a free port. */
    public static KafkaBroker start(Path directory) {
        return start(directory, 0);
    }

    /** As {@link #start(Path)}, on {@code port} (0: a free one). */
    public static KafkaBroker start(Path directory, int port) {
        KafkaBroker broker = new KafkaBroker(directory, FreePorts.orNext(port), readClasspath());
        try {
            broker.writeProperties(FreePorts.next());
            broker.runToCompletion(
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    broker.properties().toString());
            broker.startProcess();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void createTopics(int partitions, String... topics) {
        createTopics(partitions, Map.of(), topics);
    }

    /**
     * A compacted topic whose cleaner runs within seconds (small segments, any dirty ratio), so that what a
     * consumer reads from the beginning is what compaction leaves, as in production after a while.
     */
    public void createCompactedTopic(int partitions, String topic) {
        createTopics(
                partitions,
                Map.of("cleanup.policy", "compact", "segment.ms", "2000", "min.cleanable.dirty.ratio", "0.01"),
                topic);
    }

    public void createTopics(int partitions, Map<String, String> configs, String... topics) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, partitions, (short) 1).configs(configs));
            }
            admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Creating topics " + List.of(topics) + " failed", e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000));
    }

    /** Stops the broker process (SIGTERM, then SIGKILL); its log directory stays. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the broker again on the same log directory and port. */
    public synchronized void restart() {
        stop();
        startProcess();
    }

    /** Starts a {@link #stop stopped} broker again on its log directory and port. */
    public synchronized void resume() {
        if (process != null) {
            throw new IllegalStateException("The Kafka broker is running");
        }
        startProcess();
    }

    @Override
    public void close() {
        stop();
        leaveStoppingOnExitToCaller();
    }

    /**
     * For an owner whose own shutdown hook stops the broker, after the clients that need it: JVM shutdown hooks run
     * all at once, so the broker's own hook would take it away from under them.
     */
    public void leaveStoppingOnExitToCaller() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs stop() anyway.
        }
    }

    private synchronized void startProcess() {
        try {
            process = java("kafka.Kafka", properties().toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Starting the Kafka broker failed", e);
        }
        Deadline.await(
                "the Kafka broker on " + bootstrapServers() + " (log: " + directory.resolve("broker.log") + ")",
                Duration.ofSeconds(60),
                () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The Kafka broker exited with " + process.exitValue() + "; see "
                                + directory.resolve("broker.log"));
                    }
                    try (Admin admin = admin()) {
                        return !admin.describeCluster()
                                .nodes()
                                .get(5, TimeUnit.SECONDS)
                                .isEmpty();
                    }
                });
    }

    private void runToCompletion(String mainClass, String... args) {
        try {
            Process tool = java(mainClass, args)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve("storage-tool.log").toFile()))
                    .start();
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException(mainClass + " failed; see " + directory.resolve("storage-tool.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        if (new File(SETSID).canExecute()) {
            // Its own session: a Ctrl-C in the terminal reaches only the JVM that owns the broker, which stops it
            // in order, after the job.
            command.add(SETSID);
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                classpath,
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private Path properties() {
        return directory.resolve("server.properties");
    }

    private void writeProperties(int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", directory.resolve("logs").toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        // The log cleaner looks for work every second (default 15 s), so compacted topics are compacted within a test.
        p.setProperty("log.cleaner.backoff.ms", "1000");
        // Room for the megabyte records the hostile-input tests send (the default stops just above 1 MiB).
        p.setProperty("message.max.bytes", Integer.toString(4 * 1024 * 1024));
        try {
            Files.createDirectories(directory);
            try (var out = Files.newBufferedWriter(properties(), StandardCharsets.UTF_8)) {
                p.store(out, "Buyer Signals embedded broker");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readClasspath() {
        String file = System.getProperty(CLASSPATH_PROPERTY);
        if (file == null || !new File(file).isFile()) {
            throw new IllegalStateException("The Kafka broker's classpath file is missing (system property "
                    + CLASSPATH_PROPERTY + " = " + file + "); build the project with `mvn install` first.");
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
