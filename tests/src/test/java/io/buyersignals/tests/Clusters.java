package io.buyersignals.tests;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniClusters the integration tests run the job on. */
final class Clusters {
    private Clusters() {}

    /** One TaskManager with four slots: room for a job at parallelism 2 and a second one beside it. */
    static MiniClusterExtension oneTaskManager() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4).build());
    }
}
