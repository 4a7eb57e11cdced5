package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.testkit.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker and the database go down under the running job, with work in flight, and come back (on the same
 * data directory and port): shoppers go on during the outage, the job notices it (reconnects or restarts, counted
 * from the job's metrics and the database's own process list) and recovers by itself, and consumers still see
 * exactly the rules' output for the inputs.
 */
@ExtendWith(Infrastructure.class)
class RestartIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String CONNECTIONS_CLOSED = "KafkaConsumer.connection-close-total";

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    private static Map<String, String> recovering() {
        Map<String, String> options = new HashMap<>(Workload.DATA_DRIVEN_EVENT_TIME);
        options.put("restart-strategy.fixed-delay.attempts", "100");
        options.put("restart-strategy.fixed-delay.delay", "1s");
        return options;
    }

    /**
     * While the broker is down, shoppers produce records (the producer holds them) and write checkout rows (which
     * the job reads from the binlog and must publish to the missing broker).
     */
    @Test
    void theKafkaBrokerGoesDownWithWorkInFlight(@TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        JobUnderTest run = JobUnderTest.create(5700, recovering());
        FlinkRest rest = new FlinkRest(cluster.getRestAddress().get().toString());
        try (Workload workload = new Workload(run, 21, 10)) {
            JobClient job = startFed(run, workload);
            String jobId = job.getJobID().toString();
            long closedBefore = connectionsClosed(rest, jobId);
            int failuresBefore = rest.failures(jobId).size();
            long rowsBefore = workload.checkoutRowsWritten();

            Infrastructure.kafka().stop();
            workload.brokerDown();
            workload.wave(120);
            assertThat(workload.checkoutRowsWritten())
                    .as("checkout rows written during the outage")
                    .isGreaterThan(rowsBefore);
            Infrastructure.kafka().resume();
            assertThat(workload.brokerUp())
                    .as("records produced during the outage")
                    .isPositive();

            String observed = Deadline.await("the job to notice the outage", WAIT, () -> {
                long closed = connectionsClosed(rest, jobId);
                int failures = rest.failures(jobId).size();
                return closed > closedBefore || failures > failuresBefore
                        ? "Kafka connections closed by the job's "
                                + "consumers: " + closedBefore + " -> " + closed + "; job failures: " + failuresBefore
                                + " -> " + failures
                        : null;
            });
            System.out.println("RestartIT: broker outage observed: " + observed);
            finish(workload, job, rest, savepoints);
        }
    }

    /**
     * While the database is down, shoppers produce cart and chat events; the application holds its checkout rows
     * and writes them as soon as the database is back, before the job's binlog readers have reconnected.
     */
    @Test
    void theDatabaseGoesDownWithWorkInFlight(@TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        JobUnderTest run = JobUnderTest.create(5710, recovering());
        FlinkRest rest = new FlinkRest(cluster.getRestAddress().get().toString());
        try (Workload workload = new Workload(run, 22, 10)) {
            JobClient job = startFed(run, workload);
            Set<Long> readersBefore = Infrastructure.mariaDb().binlogReaders();
            assertThat(readersBefore)
                    .as("the job's binlog readers before the outage")
                    .isNotEmpty();

            Infrastructure.mariaDb().pause();
            workload.databaseDown();
            workload.wave(120);
            Infrastructure.mariaDb().resume();
            int writtenBeforeReconnect = workload.databaseUp(
                    () -> Infrastructure.mariaDb().binlogReaders().isEmpty());
            assertThat(writtenBeforeReconnect)
                    .as("rows written before the job's binlog readers reconnected")
                    .isPositive();

            Set<Long> readersAfter = Deadline.await("the job's binlog readers to reconnect", WAIT, () -> {
                Set<Long> readers = Infrastructure.mariaDb().binlogReaders();
                return readers.size() >= readersBefore.size() ? readers : null;
            });
            System.out.println("RestartIT: database outage observed: binlog reader connections " + readersBefore
                    + " before, " + readersAfter + " after; job failures: "
                    + rest.failures(job.getJobID().toString()).size());
            finish(workload, job, rest, savepoints);
        }
    }

    private static long connectionsClosed(FlinkRest rest, String jobId) throws Exception {
        return rest.metricSum(jobId, "Source: cart-events", CONNECTIONS_CLOSED)
                + rest.metricSum(jobId, "Source: chat-events", CONNECTIONS_CLOSED);
    }

    private static JobClient startFed(JobUnderTest run, Workload workload) throws Exception {
        workload.before(120);
        JobClient job = run.start();
        workload.jobStarted();
        workload.wave(120);
        KafkaTopics.readCommitted(run.signals, WAIT, records -> !records.isEmpty());
        return job;
    }

    private static void finish(Workload workload, JobClient job, FlinkRest rest, Path savepoints) {
        workload.wave(120);
        workload.finish(job, rest, savepoints);
    }
}
