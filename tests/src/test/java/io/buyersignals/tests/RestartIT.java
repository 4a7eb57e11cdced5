package io.buyersignals.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker and the database restart while the job runs (stopped, then started on the same data directory
 * and port): the job recovers by itself, and consumers still see exactly the rules' output for the inputs.
 */
@ExtendWith(Infrastructure.class)
class RestartIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    private static Map<String, String> recovering() {
        Map<String, String> options = new HashMap<>(Workload.DATA_DRIVEN_EVENT_TIME);
        options.put("restart-strategy.fixed-delay.attempts", "100");
        options.put("restart-strategy.fixed-delay.delay", "1s");
        return options;
    }

    @Test
    void theKafkaBrokerRestarts(@TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster) throws Exception {
        JobUnderTest run = JobUnderTest.create(5700, recovering());
        try (Workload workload = new Workload(run, 21, 10)) {
            JobClient job = startFed(run, workload);
            Infrastructure.kafka().restart();
            workload.wave(60);
            finish(workload, job, cluster, savepoints);
        }
    }

    @Test
    void theDatabaseRestarts(@TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster) throws Exception {
        JobUnderTest run = JobUnderTest.create(5710, recovering());
        try (Workload workload = new Workload(run, 22, 10)) {
            JobClient job = startFed(run, workload);
            Infrastructure.mariaDb().restart();
            workload.reconnect();
            workload.wave(60);
            finish(workload, job, cluster, savepoints);
        }
    }

    private static JobClient startFed(JobUnderTest run, Workload workload) throws Exception {
        workload.before(60);
        JobClient job = run.start();
        workload.jobStarted();
        workload.wave(60);
        KafkaTopics.readCommitted(run.signals, WAIT, records -> !records.isEmpty());
        return job;
    }

    private static void finish(Workload workload, JobClient job, MiniCluster cluster, Path savepoints)
            throws Exception {
        workload.wave(60);
        workload.finish(job, new FlinkRest(cluster.getRestAddress().get().toString()), savepoints);
    }
}
