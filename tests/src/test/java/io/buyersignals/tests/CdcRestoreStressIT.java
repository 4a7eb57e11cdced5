package io.buyersignals.tests;

import io.buyersignals.testkit.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not part of the build: the reproduction of an open problem. A job whose sink writers fail within a second or two of
 * its start (two failures, at-least-once) restores an early checkpoint; in about one run in five here the checkouts
 * CDC reader then stops delivering binlog rows (the job runs, checkpoints complete, event time stays held back) and
 * {@link Workload#stop} times out with the sources' figures. The other tests reach a steady state first
 * ({@link Workload#awaitCaughtUp}). Run: {@code mvn verify -pl tests -Dtest=CdcRestoreStressIT -Dcdc.stress=true}.
 */
@ExtendWith(Infrastructure.class)
@EnabledIfSystemProperty(named = "cdc.stress", matches = "true")
class CdcRestoreStressIT {
    private static final AtomicInteger RUNS = new AtomicInteger();

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    @AfterEach
    void disarm() {
        Chaos.disarmAll();
    }

    @RepeatedTest(10)
    void writerFailuresRightAfterTheStart(@TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        int run = RUNS.getAndIncrement();
        Map<String, String> options = new HashMap<>(Workload.DATA_DRIVEN_EVENT_TIME);
        options.put("restart-strategy.fixed-delay.attempts", "10");
        options.put("restart-strategy.fixed-delay.delay", "200ms");
        options.put("kafka.delivery-guarantee", "at-least-once");
        JobUnderTest job = JobUnderTest.create(5900 + 10 * run, options);
        try (Workload workload = new Workload(job, 41 + run, 10)) {
            workload.before(60);
            JobClient running = job.startWithChaos();
            workload.jobStarted();
            for (Chaos.Point point : new Chaos.Point[] {Chaos.Point.SIGNALS_WRITER, Chaos.Point.DEAD_LETTERS_WRITER}) {
                Chaos.arm(point, 1);
                for (int wave = 0; wave < 5 && !Chaos.fired(point); wave++) {
                    workload.wave(60);
                }
                Deadline.await(point + " to fire", Duration.ofSeconds(60), () -> Chaos.fired(point));
            }
            workload.wave(60);
            try {
                workload.stop(
                        running, new FlinkRest(cluster.getRestAddress().get().toString()), savepoints);
            } finally {
                running.cancel();
            }
        }
    }
}
