package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.job.BuyerSignalsJob;
import io.buyersignals.job.JobSettings;
import io.buyersignals.job.KafkaRecords;
import io.buyersignals.json.TableRows;
import io.buyersignals.local.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.highavailability.nonha.embedded.HaLeadershipControl;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failures injected at seeded points while simulated shoppers feed the job: inside the CDC reader (snapshot and
 * binlog phase), in the task after the buyer timeline, in the Kafka sink writer, right after a checkpoint completes
 * (between pre-commit and commit), a TaskManager killed and replaced, and the JobManager losing and regaining
 * leadership. After each run, what a read_committed consumer sees must be exactly the replay of the same inputs.
 * The seed is printed; {@code -Dchaos.seed=N} replays a run.
 */
@ExtendWith(Infrastructure.class)
class FailoverIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int WAVES = 10;
    private static final int STEPS_PER_WAVE = 50;
    private static final AtomicInteger FAILURES = new AtomicInteger();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).withHaLeadershipControl().build());

    private enum Failure {
        CDC_BINLOG, AFTER_TIMELINE, SINK_WRITER, CHECKPOINT_COMPLETE, TASK_MANAGER, JOB_MANAGER
    }

    @AfterEach
    void disarm() {
        Chaos.disarmAll();
    }

    @AfterAll
    static void atLeastTwentyFailuresPerRun() {
        assertThat(FAILURES.get()).as("failures injected by this suite").isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {2, 1})
    void injectedFailuresNeitherLoseNorDuplicateSignals(int parallelism, @TempDir Path savepoints,
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime()) + parallelism;
        System.out.printf("FailoverIT at parallelism %d: chaos seed %d (replay with -Dchaos.seed=%d)%n", parallelism,
                seed, seed - parallelism);
        Random random = new Random(seed);
        JobUnderTest run = JobUnderTest.create(5600 + 10 * parallelism, Map.of(
                "events.quiet-after", "1h", "events.max-future-skew", "3650d", "checkpoint.interval", "500ms",
                "parallelism.default", Integer.toString(parallelism),
                "restart-strategy.fixed-delay.attempts", "100", "restart-strategy.fixed-delay.delay", "200ms"));
        JobClient job = null;
        try (Workload workload = new Workload(run, seed, 12)) {
            workload.before(200);
            JobSettings settings = run.settings();
            // The snapshot phase: fail on one of the pre-existing checkout rows.
            Chaos.arm(Chaos.Point.CDC_SNAPSHOT, 1 + random.nextInt(10));
            job = run.start(settings,
                    BuyerSignalsJob.sources(settings, new Chaos.CheckoutRows(TableRows.CHECKOUTS)),
                    Chaos.sinks(BuyerSignalsJob.sinks(settings,
                            new Chaos.SignalRecords(KafkaRecords.signals(run.signals)))));
            workload.jobStarted();
            awaitFired(Chaos.Point.CDC_SNAPSHOT);
            FAILURES.incrementAndGet();

            for (Failure failure : plan(random)) {
                System.out.printf("FailoverIT: injecting %s at %s; open transactions: %s%n", failure,
                        java.time.LocalTime.now(), KafkaTopics.openTransactions());
                inject(failure, random, workload, cluster, job);
                FAILURES.incrementAndGet();
                awaitRunning(job);
            }
            workload.finish(job, savepoints);
            job = null;
        } finally {
            if (job != null) {
                System.out.println("FailoverIT: operator watermarks at the end: "
                        + JobWatermarks.of(cluster.getRestAddress().get().toString(), job.getJobID().toString()));
                System.out.println("FailoverIT: open transactions at the end: " + KafkaTopics.openTransactions());
                job.cancel().get();
            }
        }
    }

    /** Every kind at least once, the rest drawn by the seed, in seeded order. */
    private static List<Failure> plan(Random random) {
        List<Failure> plan = new ArrayList<>(List.of(Failure.values()));
        while (plan.size() < WAVES) {
            plan.add(Failure.values()[random.nextInt(Failure.values().length)]);
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    /** Arms or causes the failure while a wave of shopping goes through the job, and waits until it happened. */
    private static void inject(Failure failure, Random random, Workload workload, MiniCluster cluster, JobClient job)
            throws Exception {
        switch (failure) {
            case TASK_MANAGER -> {
                workload.wave(STEPS_PER_WAVE);
                cluster.terminateTaskManager(0).get();
                cluster.startTaskManager();
            }
            case JOB_MANAGER -> {
                workload.wave(STEPS_PER_WAVE);
                HaLeadershipControl leadership = cluster.getHaLeadershipControl().orElseThrow();
                leadership.revokeJobMasterLeadership(job.getJobID()).get();
                leadership.grantJobMasterLeadership(job.getJobID()).get();
            }
            default -> {
                Chaos.Point point = Chaos.Point.valueOf(failure.name());
                Chaos.arm(point, 1 + random.nextInt(3));
                // Waves until it fires: a point only fails when records (or checkpoints) pass it.
                for (int wave = 0; wave < 5 && !Chaos.fired(point); wave++) {
                    workload.wave(STEPS_PER_WAVE);
                    awaitFiredOrQuiet(point);
                }
                assertThat(Chaos.fired(point)).as("%s fired", point).isTrue();
            }
        }
    }

    private static void awaitFired(Chaos.Point point) {
        Deadline.await(point + " to fire", WAIT, () -> Chaos.fired(point));
    }

    /** Gives the wave time to reach the point; a wave without signals may not, and the next one will. */
    private static void awaitFiredOrQuiet(Chaos.Point point) {
        try {
            Deadline.await(point + " to fire", Duration.ofSeconds(20), () -> Chaos.fired(point));
        } catch (IllegalStateException notYet) {
            // another wave follows
        }
    }

    private static void awaitRunning(JobClient job) {
        Deadline.await("the job to run again", WAIT, () -> job.getJobStatus().get() == JobStatus.RUNNING);
    }
}
