package io.buyersignals.tests;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniClusters the integration tests run the job on. */
final class Clusters {
    private Clusters() {}

    /** One TaskManager with four slots: room for a job at parallelism 2 and a second one beside it. */
    static MiniClusterExtension oneTaskManager() {
        return new MiniClusterExtension(builder().build());
    }

    /** As {@link #oneTaskManager()}, and the test can take the JobMaster's leadership away and give it back. */
    static MiniClusterExtension withLeadershipControl() {
        return new MiniClusterExtension(builder().withHaLeadershipControl().build());
    }

    private static MiniClusterResourceConfiguration.Builder builder() {
        Configuration configuration = new Configuration();
        // The REST API's metrics (watermarks) are fetched this often; the default 10 s would slow every wait on them.
        configuration.setString("metrics.fetcher.update-interval", "500");
        // Likewise the job's details and checkpoint statistics, cached for 3 s by default.
        configuration.setString("web.refresh-interval", "500");
        return new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4);
    }
}
