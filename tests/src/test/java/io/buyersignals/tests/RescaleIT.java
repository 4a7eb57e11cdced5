package io.buyersignals.tests;

import java.nio.file.Path;
import java.time.Duration;
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
 * Stop with a savepoint, resume at another parallelism, twice (1 → 2 → 1), while shoppers go on between the jobs:
 * consumers see exactly the rules' output, nothing lost or doubled across the three jobs.
 */
@ExtendWith(Infrastructure.class)
class RescaleIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    @Test
    void stopWithSavepointAndResumeAtParallelismOneTwoOne(
            @TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster) throws Exception {
        JobUnderTest run = JobUnderTest.create(5720, Workload.DATA_DRIVEN_EVENT_TIME);
        try (Workload workload = new Workload(run, 31, 12)) {
            workload.before(60);
            JobClient job = run.start(Map.of("parallelism.default", "1"));
            workload.jobStarted();
            for (int parallelism : new int[] {2, 1}) {
                workload.wave(60);
                KafkaTopics.readCommitted(run.signals, WAIT, records -> !records.isEmpty());
                String savepoint = Jobs.stopWithSavepoint(job, savepoints);
                workload.wave(60);
                job = run.start(Map.of(
                        "parallelism.default", Integer.toString(parallelism), "execution.savepoint.path", savepoint));
            }
            workload.wave(60);
            workload.finish(job, new FlinkRest(cluster.getRestAddress().get().toString()), savepoints);
        }
    }
}
