package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buyersignals.testkit.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks every failure test relies on catch what they exist to catch: the same failure that exactly-once
 * survives is reported as duplicates when the job runs at-least-once, and a sink that silently drops one
 * transaction's records is reported as loss, for signals and for dead letters.
 */
@ExtendWith(Infrastructure.class)
class ExactlyOnceCheckIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    @AfterEach
    void disarm() {
        Chaos.disarmAll();
        ChaosSink.reset();
    }

    @Test
    void writerFailuresAtLeastOnceAreReportedAsDuplicates(
            @TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster) throws Exception {
        Map<String, String> options = recovering(5760);
        options.put("kafka.delivery-guarantee", "at-least-once");
        JobUnderTest run = JobUnderTest.create(5760, options);
        try (Workload workload = new Workload(run, 41, 10)) {
            JobClient job = start(run, workload);
            FlinkRest rest = rest(cluster);
            // The writers fail right after a record has reached the broker: replaying the input writes it again.
            for (Chaos.Point point : new Chaos.Point[] {
                Chaos.Point.SIGNALS_WRITER, Chaos.Point.CONTEXT_WRITER, Chaos.Point.DEAD_LETTERS_WRITER
            }) {
                workload.wave(60);
                workload.awaitCaughtUp(rest, job.getJobID().toString());
                Chaos.arm(point, 1);
                for (int wave = 0; wave < 5 && !Chaos.fired(point); wave++) {
                    workload.wave(60);
                }
                Deadline.await(point + " to fire", WAIT, () -> Chaos.fired(point));
            }
            workload.wave(60);
            workload.stop(job, rest, savepoints);

            assertThatThrownBy(workload::assertSignalsExactlyOnce)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageMatching("(?s)Not exactly once: 0 of \\d+ signals lost \\[\\], [1-9]\\d* duplicated.*");
            assertThatThrownBy(workload::assertContextsExactlyOnce)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageMatching(
                            "(?s)Not exactly once: 0 of \\d+ context records lost \\[\\], [1-9]\\d* duplicated.*");
            assertThatThrownBy(workload::assertDeadLettersExactlyOnce)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageMatching(
                            "(?s)Not exactly once: 0 of \\d+ dead letters lost \\[\\], [1-9]\\d* duplicated.*");
        }
    }

    @Test
    void aSinkThatDropsOneTransactionIsReportedAsLoss(@TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        JobUnderTest run = JobUnderTest.create(5770, recovering(5770));
        try (Workload workload = new Workload(run, 42, 10)) {
            JobClient job = start(run, workload);
            for (String output : new String[] {"signals", "context", "dead-letters"}) {
                ChaosSink.dropOneTransaction(output);
                // Waves keep coming until a transaction with records in it is dropped: a wave's output is released
                // by the waves after it, and an armed transaction that comes out empty arms the next one.
                Deadline.await("a transaction of " + output + " dropped", WAIT, () -> {
                    if (ChaosSink.droppedTransactionEnded(output)) {
                        if (ChaosSink.dropped(output) > 0) {
                            return true;
                        }
                        ChaosSink.dropOneTransaction(output);
                    }
                    workload.wave(60);
                    return false;
                });
            }
            workload.wave(60);
            workload.stop(job, rest(cluster), savepoints);

            assertThat(ChaosSink.dropped("signals")).isPositive();
            assertThatThrownBy(workload::assertSignalsExactlyOnce)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("Not exactly once: " + ChaosSink.dropped("signals") + " of ")
                    .hasMessageContaining(", 0 duplicated [], 0 unexpected []");
            assertThatThrownBy(workload::assertContextsExactlyOnce)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("Not exactly once: " + ChaosSink.dropped("context") + " of ")
                    .hasMessageContaining(", 0 duplicated [], 0 unexpected []");
            assertThatThrownBy(workload::assertDeadLettersExactlyOnce)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("Not exactly once: " + ChaosSink.dropped("dead-letters") + " of ")
                    .hasMessageContaining(", 0 duplicated [], 0 unexpected []");
        }
    }

    private static Map<String, String> recovering(int serverIdBase) {
        Map<String, String> options = new HashMap<>(Workload.DATA_DRIVEN_EVENT_TIME);
        options.put("restart-strategy.fixed-delay.attempts", "10");
        options.put("restart-strategy.fixed-delay.delay", "200ms");
        return options;
    }

    private static JobClient start(JobUnderTest run, Workload workload) throws Exception {
        workload.before(60);
        JobClient job = run.startWithChaos();
        workload.jobStarted();
        return job;
    }

    private static FlinkRest rest(MiniCluster cluster) throws Exception {
        return new FlinkRest(cluster.getRestAddress().get().toString());
    }
}
