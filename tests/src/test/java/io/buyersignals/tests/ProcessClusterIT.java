package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buyersignals.testkit.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Job jars on a Flink session cluster of separate processes started from Flink's own entry points (ZooKeeper high
 * availability, one JobManager, two TaskManagers, RocksDB incremental checkpoints on local disk), submitted through
 * the REST API. This also shows that the shaded jar needs nothing the cluster does not have.
 */
@ExtendWith(Infrastructure.class)
class ProcessClusterIT {
    static final String JOB_JAR_PROPERTY = "buyer-signals.job-jar";
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int TASK_MANAGER_KILLS = 3;
    private static final AtomicInteger NEXT_FORMAT_RUNS = new AtomicInteger();

    @TempDir
    static Path directory;

    private static ProcessCluster cluster;
    private static Path jar;

    @BeforeAll
    static void startTheCluster() throws Exception {
        jar = Path.of(System.getProperty(JOB_JAR_PROPERTY, ""));
        assertThat(jar).as("the shaded job jar (built by `mvn package`)").isRegularFile();
        cluster = ProcessCluster.start(directory.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Shoppers go on while TaskManager processes are killed with SIGKILL three times (a new one started each time)
     * and the JobManager process once (a new one takes over the job from ZooKeeper); each restart is read from the
     * cluster itself. What read_committed consumers see, signals and dead letters, is then exactly the reference.
     */
    @Test
    void theShadedJarSurvivesKilledTaskManagersAndAKilledJobManager() throws Exception {
        JobUnderTest run = JobUnderTest.create(
                5820,
                Map.of(
                        "events.quiet-after",
                        "1h",
                        "events.max-future-skew",
                        "3650d",
                        "restart-strategy.fixed-delay.attempts",
                        "1000",
                        "execution.checkpointing.dir",
                        directory.resolve("checkpoints").toUri().toString(),
                        "state.backend",
                        "rocksdb"));
        List<String> restarts = new ArrayList<>();
        try (JarSubmission submission = new JarSubmission(cluster.restPort());
                Workload workload = new Workload(run, 51, 12)) {
            FlinkRest rest = cluster.rest();
            workload.before(100);
            String jobId = submission.run(jar, run.arguments(directory.resolve("cdc-password")), null);
            workload.jobStarted();

            for (int kill = 0; kill < TASK_MANAGER_KILLS; kill++) {
                workload.wave(50);
                Set<String> running = awaitRunningOn(rest, jobId);
                String victim = running.iterator().next();
                long killedAt = System.currentTimeMillis();
                cluster.killTaskManager(victim);
                String replacement = cluster.startTaskManager();
                Deadline.await(
                        victim + " gone from the cluster",
                        WAIT,
                        () -> !rest.taskManagers().contains(victim)
                                && rest.taskManagers().contains(replacement));
                FlinkRest.Failure cause = Deadline.await(
                        "the job to fail over from " + victim,
                        WAIT,
                        () -> rest.failures(jobId).stream()
                                .filter(f -> f.timestamp() >= killedAt)
                                .findFirst()
                                .orElse(null));
                Deadline.await(
                        "the job running again after " + victim + " was killed",
                        WAIT,
                        () -> rest.allSubtasksRunningSince(jobId, killedAt));
                assertThat(rest.taskManagersRunning(jobId))
                        .as("where the job runs now")
                        .doesNotContain(victim);
                restarts.add("SIGKILL " + victim + ": " + cause.cause() + "; restored checkpoint "
                        + rest.latestRestore(jobId).checkpointId());
            }

            workload.wave(50);
            long lastCheckpoint = Deadline.await("a completed checkpoint", WAIT, () -> {
                long id = rest.latestCompletedCheckpoint(jobId);
                return id > 0 ? id : null;
            });
            cluster.killJobManager();
            workload.wave(50);
            cluster.startJobManager();
            FlinkRest.Restore restore = Deadline.await("the new JobManager to restore the job", WAIT, () -> {
                FlinkRest.Restore latest = rest.latestRestore(jobId);
                return latest != null
                                && latest.checkpointId() >= lastCheckpoint
                                && rest.allSubtasksRunningSince(jobId, 0)
                        ? latest
                        : null;
            });
            restarts.add(
                    "SIGKILL jobmanager: a new JobManager took the job over from ZooKeeper and restored checkpoint "
                            + restore.checkpointId());
            System.out.println(
                    "ProcessClusterIT: restarts reported by the cluster:\n  " + String.join("\n  ", restarts));

            workload.wave(50);
            Path savepoints = Files.createDirectories(directory.resolve("savepoints"));
            workload.finish(jobId, rest, () -> submission.stopWithSavepoint(jobId, savepoints));
        }
        assertThat(restarts).hasSize(TASK_MANAGER_KILLS + 1);
    }

    /**
     * The next release's build, whose buyer-state format adds a field ({@link NextFormatBuild}), restores the
     * committed savepoint of every earlier release, with its state migrated, and behaves as the savepoint says (see
     * {@link SavepointMigrationIT}). The savepoint it takes is in the new format: today's build refuses it.
     */
    @ParameterizedTest(name = "release {0}")
    @MethodSource("io.buyersignals.tests.SavepointMigrationIT#releases")
    void aBuildWhoseStateFormatAddsAFieldRestoresTheSavepointOfEveryEarlierRelease(String release) throws Exception {
        Path next = nextFormatJar();
        Path work = Files.createDirectories(directory.resolve("next-format-" + release));
        String restorable = SavepointMigrationIT.withoutInfrastructureState(
                SavepointMigrationIT.savepointOf(release), work.resolve("restorable"));
        JobUnderTest run = JobUnderTest.create(
                5830 + 10 * NEXT_FORMAT_RUNS.getAndIncrement(),
                Map.of(
                        "events.quiet-after",
                        "1h",
                        "events.max-future-skew",
                        "3650d",
                        "parallelism.default",
                        "1",
                        "execution.checkpointing.dir",
                        work.resolve("checkpoints").toUri().toString()));
        try (JarSubmission submission = new JarSubmission(cluster.restPort());
                Connection db = run.connect();
                KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer()) {
            SavepointScenario scenario = new SavepointScenario(run, producer);
            scenario.shops(db);
            scenario.orderRowAgain(db);
            String jobId = submission.run(next, run.arguments(work.resolve("cdc-password")), restorable);
            scenario.awaitShopsLoaded();
            scenario.after(db);
            awaitSignals(run, jobId, release);
            String taken = submission.stopWithSavepoint(jobId, Files.createDirectories(work.resolve("savepoints")));
            SavepointMigrationIT.assertBehavesAfterRestore(run);

            assertThat(BuyerStates.read(restorable))
                    .as("buyers in the savepoint, read by today's build")
                    .isPositive();
            assertThatThrownBy(() -> BuyerStates.read(taken))
                    .as("today's build reading the new format")
                    .hasStackTraceContaining(
                            "Buyer state format " + (NextFormatBuild.today() + 1) + " is not one this release reads");
        }
    }

    /**
     * Waits for the restored job's live signals; if none come, says where event time stands and keeps the cluster's
     * logs under target/, so that a stall can be told from a slow start.
     */
    private static void awaitSignals(JobUnderTest run, String jobId, String release) throws Exception {
        try {
            KafkaTopics.readCommitted(run.signals, WAIT, records -> records.size() >= 2);
        } catch (IllegalStateException e) {
            Path logs = Path.of("target", "process-cluster-logs-" + release);
            try (var files = Files.walk(directory.resolve("cluster").resolve("log"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.createDirectories(logs);
                    Files.copy(file, logs.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            throw new AssertionError(
                    "No signals after restoring " + release + "; operator watermarks: "
                            + JobWatermarks.of(cluster.rest().address(), jobId) + "; the cluster's logs are in "
                            + logs.toAbsolutePath(),
                    e);
        }
    }

    private static synchronized Path nextFormatJar() throws Exception {
        Path built = directory.resolve("next-format").resolve("buyer-signals-job-next-format.jar");
        return Files.exists(built) ? built : NextFormatBuild.build(jar, directory.resolve("next-format"));
    }

    private static Set<String> awaitRunningOn(FlinkRest rest, String jobId) {
        return Deadline.await("the job running", WAIT, () -> {
            Set<String> running = rest.taskManagersRunning(jobId);
            return running.isEmpty() ? null : running;
        });
    }
}
