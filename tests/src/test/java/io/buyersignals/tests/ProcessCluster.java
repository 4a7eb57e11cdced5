package io.buyersignals.tests;

import io.buyersignals.testkit.Deadline;
import io.buyersignals.testkit.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink session cluster of separate processes started from Flink's own entry points, as a Flink distribution's
 * scripts start them: a ZooKeeper server for high availability, a JobManager and TaskManagers, each its own JVM
 * with the memory settings the scripts would compute, on free loopback ports, with RocksDB on the classpath as in
 * lib/. Processes can be killed with SIGKILL and started again; closing it kills whatever is left, and so does the
 * end of the JVM.
 */
final class ProcessCluster implements AutoCloseable {
    /** Set by the build to the file listing the cluster's jars (tests/flink-cluster/pom.xml). */
    static final String CLASSPATH_PROPERTY = "buyer-signals.flink-cluster.classpath";

    private static final Duration START = Duration.ofSeconds(120);
    /** What a Flink 1.20 distribution's config.yaml gives every JVM on Java 17. */
    private static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path directory;
    private final Path conf;
    private final String classpath;
    private final int restPort;
    private final Thread killOnExit = new Thread(this::killAll, "flink-cluster-cleanup");
    private Process zooKeeper;
    private Process jobManager;
    private final Map<String, Process> taskManagers = new LinkedHashMap<>();
    private int taskManagersStarted;

    private ProcessCluster(Path directory, String classpath) {
        this.directory = directory;
        this.conf = directory.resolve("conf");
        this.classpath = classpath;
        this.restPort = FreePorts.next();
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** ZooKeeper, a JobManager and {@code taskManagers} TaskManagers, all running and registered. */
    static ProcessCluster start(Path directory, int taskManagers) throws Exception {
        ProcessCluster cluster = new ProcessCluster(directory, readClasspath());
        try {
            int zooKeeperPort = FreePorts.next();
            cluster.writeConfiguration(zooKeeperPort);
            cluster.startZooKeeper(zooKeeperPort);
            cluster.startJobManager();
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            FlinkRest rest = cluster.rest();
            Deadline.await(
                    taskManagers + " TaskManagers registered",
                    START,
                    () -> rest.taskManagers().size() == taskManagers);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    FlinkRest rest() {
        return new FlinkRest("http://127.0.0.1:" + restPort);
    }

    int restPort() {
        return restPort;
    }

    /** A JobManager process; with ZooKeeper high availability it takes over the jobs of one that died. */
    void startJobManager() {
        if (jobManager != null && jobManager.isAlive()) {
            throw new IllegalStateException("A JobManager is running");
        }
        Configuration configuration = GlobalConfiguration.loadConfiguration(conf.toString());
        JobManagerProcessSpec memory = JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
                configuration, JobManagerOptions.JVM_HEAP_MEMORY);
        List<String> jvm = split(JobManagerProcessUtils.generateJvmParametersStr(memory, configuration));
        List<String> arguments = new ArrayList<>(List.of("--configDir", conf.toString()));
        arguments.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(memory)));
        jobManager = java(
                "jobmanager", jvm, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", arguments);
        FlinkRest rest = rest();
        Deadline.await("the JobManager's REST API (log: " + log("jobmanager") + ")", START, () -> {
            requireAlive(jobManager, "jobmanager");
            return rest.get("/overview").has("taskmanagers");
        });
    }

    /** Starts a TaskManager process and returns its resource id. */
    String startTaskManager() {
        String id = "taskmanager-" + ++taskManagersStarted;
        Configuration configuration = GlobalConfiguration.loadConfiguration(conf.toString());
        TaskExecutorProcessSpec memory = TaskExecutorProcessUtils.processSpecFromConfig(configuration);
        List<String> arguments =
                new ArrayList<>(List.of("--configDir", conf.toString(), "-D", "taskmanager.resource-id=" + id));
        arguments.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(memory)));
        taskManagers.put(
                id,
                java(
                        id,
                        split(ProcessMemoryUtils.generateJvmParametersStr(memory)),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        arguments));
        return id;
    }

    /** Kills the TaskManager with SIGKILL: no shutdown, no goodbye to the JobManager. */
    void killTaskManager(String id) throws InterruptedException {
        kill(taskManagers.remove(id));
    }

    /** Kills the JobManager with SIGKILL. */
    void killJobManager() throws InterruptedException {
        kill(jobManager);
        jobManager = null;
    }

    Path log(String process) {
        return directory.resolve("log").resolve(process + ".log");
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Process " + process.pid() + " did not die");
        }
    }

    private void startZooKeeper(int port) throws IOException {
        Path data = Files.createDirectories(directory.resolve("zookeeper"));
        Path config = conf.resolve("zoo.cfg");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "tickTime=2000",
                        "dataDir=" + data,
                        "clientPort=" + port,
                        "clientPortAddress=127.0.0.1",
                        "admin.enableServer=false",
                        ""),
                StandardCharsets.UTF_8);
        zooKeeper = java(
                "zookeeper",
                List.of("-Xmx128m"),
                "org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer",
                List.of("--zkConfigFile", config.toString(), "--peerId", "1"));
    }

    private Process java(String name, List<String> jvmOptions, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(JAVA_17_OPENS);
        command.addAll(List.of(
                "-Dlog.file=" + log(name),
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties"),
                "-cp",
                classpath,
                mainClass));
        command.addAll(arguments);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve("log").resolve(name + ".out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Starting " + name + " failed", e);
        }
    }

    private void writeConfiguration(int zooKeeperPort) throws IOException {
        Files.createDirectories(conf);
        Files.createDirectories(directory.resolve("log"));
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", Integer.toString(FreePorts.next()));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.host", "127.0.0.1");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", Integer.toString(restPort));
        c.put("blob.server.port", Integer.toString(FreePorts.next()));
        c.put("jobmanager.memory.process.size", "768m");
        c.put("taskmanager.memory.process.size", "1200m");
        c.put("taskmanager.numberOfTaskSlots", "2");
        c.put("high-availability.type", "zookeeper");
        c.put("high-availability.zookeeper.quorum", "127.0.0.1:" + zooKeeperPort);
        c.put("high-availability.storageDir", directory.resolve("ha").toUri().toString());
        c.put("high-availability.cluster-id", "/buyer-signals-it");
        // A killed TaskManager is noticed within seconds, not the default 50.
        c.put("heartbeat.interval", "1000");
        c.put("heartbeat.timeout", "5000");
        c.put("web.upload.dir", directory.resolve("uploads").toString());
        c.put("io.tmp.dirs", directory.resolve("tmp").toString());
        c.put("metrics.fetcher.update-interval", "500");
        c.put("web.refresh-interval", "500");
        StringBuilder yaml = new StringBuilder();
        c.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.name = file",
                        "appender.file.type = File",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                        ""),
                StandardCharsets.UTF_8);
        Files.createDirectories(directory.resolve("tmp"));
    }

    private void requireAlive(Process process, String name) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log(name)
                    + " and " + directory.resolve("log").resolve(name + ".out"));
        }
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.strip().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String readClasspath() throws IOException {
        String file = System.getProperty(CLASSPATH_PROPERTY);
        if (file == null || !new File(file).isFile()) {
            throw new IllegalStateException("The Flink cluster's classpath file is missing (system property "
                    + CLASSPATH_PROPERTY + " = " + file + "); build the project with `mvn install` first.");
        }
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    }

    private synchronized void killAll() {
        List<Process> all = new ArrayList<>(taskManagers.values());
        taskManagers.clear();
        all.add(jobManager);
        all.add(zooKeeper);
        for (Process process : all) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
        for (Process process : all) {
            if (process != null) {
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook kills them
        }
    }
}
