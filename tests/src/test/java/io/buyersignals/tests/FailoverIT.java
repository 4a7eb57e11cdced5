package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.testkit.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.highavailability.nonha.embedded.HaLeadershipControl;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failures injected at seeded points while simulated shoppers feed the job, every kind in every run: in the CDC
 * reader (snapshot and binlog phase), after the buyer timeline, in each Kafka sink's writer, in each sink's committer
 * between pre-commit and commit, right after a commit, a TaskManager killed and replaced, and the JobManager losing
 * and regaining leadership. Each injection must cause a restart that the cluster itself reports (a restore from a
 * checkpoint, with the injected cause in its exception history) before the next one starts. After each run, what a
 * read_committed consumer sees must be exactly the reference: every signal and every dead letter once. The seed is
 * printed; {@code -Dchaos.seed=N} replays a run.
 */
@ExtendWith(Infrastructure.class)
class FailoverIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int STEPS_PER_WAVE = 50;
    /** Restores the cluster reported, one line each with the failure injected and its cause: the suite's count. */
    private static final List<String> RESTARTS = Collections.synchronizedList(new ArrayList<>());

    private static final Set<Failure> CAUSES_SEEN = Collections.synchronizedSet(EnumSet.noneOf(Failure.class));

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.withLeadershipControl();

    /** The cluster's TaskManagers by index: terminated ones stay in its list, so the live one is the last started. */
    private static int liveTaskManager;

    private enum Failure {
        CDC_SNAPSHOT,
        CDC_BINLOG,
        AFTER_TIMELINE,
        SIGNALS_WRITER,
        CONTEXT_WRITER,
        DEAD_LETTERS_WRITER,
        SIGNALS_BEFORE_COMMIT,
        CONTEXT_BEFORE_COMMIT,
        DEAD_LETTERS_BEFORE_COMMIT,
        AFTER_COMMIT,
        TASK_MANAGER,
        JOB_MANAGER;

        Chaos.Point point() {
            return Chaos.Point.valueOf(name());
        }
    }

    @AfterEach
    void disarm() {
        Chaos.disarmAll();
    }

    @AfterAll
    static void atLeastTwentyRealRestartsWithEveryKindAmongTheirCauses() {
        System.out.println("FailoverIT: restarts reported by the cluster:\n  " + String.join("\n  ", RESTARTS));
        assertThat(RESTARTS).as("restarts the cluster reported").hasSizeGreaterThanOrEqualTo(20);
        assertThat(CAUSES_SEEN)
                .as("failure kinds among the restarts' causes")
                .containsExactlyInAnyOrder(Failure.values());
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {2, 1})
    void injectedFailuresNeitherLoseNorDuplicateSignalsOrDeadLetters(
            int parallelism, @TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster) throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime()) + parallelism;
        System.out.printf(
                "FailoverIT at parallelism %d: chaos seed %d (replay with -Dchaos.seed=%d)%n",
                parallelism, seed, seed - parallelism);
        Random random = new Random(seed);
        JobUnderTest run = JobUnderTest.create(
                5600 + 10 * parallelism,
                Map.of(
                        "events.quiet-after",
                        "1h",
                        "events.max-future-skew",
                        "3650d",
                        "checkpoint.interval",
                        "500ms",
                        "parallelism.default",
                        Integer.toString(parallelism),
                        "restart-strategy.fixed-delay.attempts",
                        "100",
                        "restart-strategy.fixed-delay.delay",
                        "200ms"));
        FlinkRest rest = new FlinkRest(cluster.getRestAddress().get().toString());
        JobClient job = null;
        try (Workload workload = new Workload(run, seed, 12)) {
            workload.before(200);
            // The snapshot phase: fail on one of the pre-existing checkout rows.
            Chaos.arm(Chaos.Point.CDC_SNAPSHOT, 1 + random.nextInt(10));
            job = run.startWithChaos();
            String jobId = job.getJobID().toString();
            Injection snapshot = Injection.before(Failure.CDC_SNAPSHOT, rest, jobId);
            Deadline.await("CDC_SNAPSHOT to fire", WAIT, () -> Chaos.fired(Chaos.Point.CDC_SNAPSHOT));
            snapshot.awaitRestart();
            workload.jobStarted();
            workload.wave(STEPS_PER_WAVE);
            workload.awaitCaughtUp(rest, jobId);

            for (Failure failure : plan(random)) {
                Injection injection = Injection.before(failure, rest, jobId);
                inject(failure, random, workload, cluster, rest, jobId);
                injection.awaitRestart();
            }
            workload.finish(job, rest, savepoints);
            job = null;
        } finally {
            if (job != null) {
                System.out.println("FailoverIT: operator watermarks at the end: "
                        + JobWatermarks.of(rest.address(), job.getJobID().toString()));
                System.out.println("FailoverIT: open transactions at the end: " + KafkaTopics.openTransactions());
                Jobs.stop(job);
            }
        }
    }

    /** Every kind once, after the snapshot, in seeded order. */
    private static List<Failure> plan(Random random) {
        List<Failure> plan = new ArrayList<>(EnumSet.complementOf(EnumSet.of(Failure.CDC_SNAPSHOT)));
        Collections.shuffle(plan, random);
        return plan;
    }

    /** Arms or causes the failure while waves of shopping go through the job, and waits until it happened. */
    private static void inject(
            Failure failure, Random random, Workload workload, MiniCluster cluster, FlinkRest rest, String jobId)
            throws Exception {
        switch (failure) {
            case TASK_MANAGER -> killTheTaskManager(workload, cluster, rest, jobId);
            case JOB_MANAGER -> {
                workload.wave(STEPS_PER_WAVE);
                HaLeadershipControl leadership =
                        cluster.getHaLeadershipControl().orElseThrow();
                leadership.revokeJobMasterLeadership(JobID.fromHexString(jobId)).get();
                leadership.grantJobMasterLeadership(JobID.fromHexString(jobId)).get();
            }
            case SIGNALS_BEFORE_COMMIT, CONTEXT_BEFORE_COMMIT, DEAD_LETTERS_BEFORE_COMMIT ->
                crashBetweenPreCommitAndCommit(failure.point(), random, workload, rest, jobId);
            default -> {
                Chaos.arm(failure.point(), 1 + random.nextInt(3));
                wavesUntil(workload, failure.point() + " to fire", () -> Chaos.fired(failure.point()));
            }
        }
    }

    /**
     * Kills the TaskManager that runs the job and starts a replacement; the cluster must show the killed one gone
     * and, once the job runs again, every subtask on the new one.
     */
    private static void killTheTaskManager(Workload workload, MiniCluster cluster, FlinkRest rest, String jobId)
            throws Exception {
        workload.wave(STEPS_PER_WAVE);
        Set<String> before = Deadline.await("the job running on its TaskManager", WAIT, () -> {
            Set<String> running = rest.taskManagersRunning(jobId);
            return running.isEmpty() ? null : running;
        });
        assertThat(rest.taskManagers())
                .as("the cluster's one TaskManager runs the job")
                .isEqualTo(before);
        cluster.terminateTaskManager(liveTaskManager).get();
        cluster.startTaskManager();
        liveTaskManager++;
        Deadline.await(
                "the killed TaskManager gone from the cluster",
                WAIT,
                () -> rest.taskManagers().stream().noneMatch(before::contains)
                        && !rest.taskManagers().isEmpty());
        Set<String> after = Deadline.await("the job running on the new TaskManager", WAIT, () -> {
            Set<String> running = rest.taskManagersRunning(jobId);
            return running.isEmpty() ? null : running;
        });
        assertThat(after)
                .as("the job runs on the replacement")
                .doesNotContainAnyElementsOf(before)
                .isEqualTo(rest.taskManagers());
    }

    /**
     * The committer of a completed checkpoint stops before committing and hands over its transactions: the test
     * sees the checkpoint complete on the JobManager and the transactions prepared and open on the broker, then
     * lets the task die. After recovery the same transactions are committed, not aborted and written again.
     */
    private static void crashBetweenPreCommitAndCommit(
            Chaos.Point point, Random random, Workload workload, FlinkRest rest, String jobId) throws Exception {
        Chaos.arm(point, 1 + random.nextInt(2));
        wavesUntil(
                workload,
                point + " to hold its transactions",
                () -> Chaos.preparedTransactions(point).isDone());
        List<String> prepared = Chaos.preparedTransactions(point).get();
        try (Admin admin = Infrastructure.kafka().admin()) {
            Map<String, TransactionDescription> open =
                    admin.describeTransactions(prepared).all().get(30, TimeUnit.SECONDS);
            for (String id : prepared) {
                assertThat(open.get(id).state())
                        .as("transaction %s before the crash", id)
                        .isEqualTo(TransactionState.ONGOING);
                assertThat(open.get(id).topicPartitions())
                        .as("what %s wrote", id)
                        .isNotEmpty();
                long checkpoint = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
                Deadline.await(
                        "the JobManager to report checkpoint " + checkpoint + " completed",
                        WAIT,
                        () -> rest.latestCompletedCheckpoint(jobId) >= checkpoint);
            }
            Chaos.resume(point);
            Deadline.await("the prepared transactions " + prepared + " committed after recovery", WAIT, () -> {
                Map<String, TransactionDescription> now =
                        admin.describeTransactions(prepared).all().get(30, TimeUnit.SECONDS);
                for (TransactionDescription d : now.values()) {
                    assertThat(d.state()).as("never aborted").isNotEqualTo(TransactionState.COMPLETE_ABORT);
                }
                return now.values().stream().allMatch(d -> d.state() == TransactionState.COMPLETE_COMMIT);
            });
        }
    }

    /** A point only fails when records (or checkpoints) pass it: waves until it has. */
    private static void wavesUntil(Workload workload, String what, java.util.concurrent.Callable<Boolean> done)
            throws Exception {
        for (int wave = 0; wave < 6 && !done.call(); wave++) {
            workload.wave(STEPS_PER_WAVE);
            try {
                Deadline.await(what, Duration.ofSeconds(15), done);
            } catch (IllegalStateException notYet) {
                // another wave follows
            }
        }
        assertThat(done.call()).as(what).isTrue();
    }

    /**
     * What the cluster said before a failure, to tell the restart it causes: a failure in the exception history that
     * names this one (for the JobManager: a new JobMaster, whose checkpoint statistics start over, restoring the
     * job), then every subtask running again, started after it. The restore it came back from is recorded (none for
     * a failure before the first checkpoint).
     */
    private record Injection(
            Failure failure,
            FlinkRest rest,
            String jobId,
            long lastFailure,
            long checkpointsTriggered,
            FlinkRest.Restore restore) {
        static Injection before(Failure failure, FlinkRest rest, String jobId) throws Exception {
            List<FlinkRest.Failure> failures = rest.failures(jobId);
            return new Injection(
                    failure,
                    rest,
                    jobId,
                    failures.isEmpty() ? 0 : failures.get(failures.size() - 1).timestamp(),
                    rest.checkpointsTriggered(jobId),
                    rest.latestRestore(jobId));
        }

        void awaitRestart() throws Exception {
            FlinkRest.Failure failed;
            if (failure == Failure.JOB_MANAGER) {
                failed = Deadline.await("a new JobMaster restoring the job", WAIT, () -> {
                    FlinkRest.Restore latest = rest.latestRestore(jobId);
                    long triggered = rest.checkpointsTriggered(jobId);
                    boolean restored = latest != null && (restore == null || latest.timestamp() > restore.timestamp());
                    return restored && triggered < checkpointsTriggered
                            ? new FlinkRest.Failure(
                                    latest.timestamp(),
                                    "a new JobMaster took the job over (its checkpoint count started over: " + triggered
                                            + " after " + checkpointsTriggered + ")",
                                    "")
                            : null;
                });
            } else {
                failed = Deadline.await(
                        failure + " in the exception history",
                        WAIT,
                        () -> rest.failures(jobId).stream()
                                .filter(f -> f.timestamp() > lastFailure && namesThisFailure(f.cause()))
                                .findFirst()
                                .orElse(null));
            }
            Deadline.await(
                    "the job running again after " + failure,
                    WAIT,
                    () -> rest.allSubtasksRunningSince(jobId, failed.timestamp()));
            FlinkRest.Restore restore = rest.latestRestore(jobId);
            long restored = restore == null ? -1 : restore.checkpointId();
            Deadline.await(
                    "a checkpoint after the restart", WAIT, () -> rest.latestCompletedCheckpoint(jobId) > restored);
            CAUSES_SEEN.add(failure);
            RESTARTS.add(failure + ": " + failed.cause() + " (" + failed.task() + "); "
                    + (restore == null
                            ? "started over, before any checkpoint"
                            : "restored checkpoint " + restore.checkpointId()));
        }

        private boolean namesThisFailure(String cause) {
            return failure == Failure.TASK_MANAGER
                    ? cause.contains("TaskExecutor is shutting down")
                    : cause.contains("Injected failure at " + failure.point());
        }
    }
}
