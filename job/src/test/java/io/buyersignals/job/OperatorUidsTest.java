package io.buyersignals.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Savepoints map state to operators by uid. These are the production job's, each with a readable name; renaming
 * one drops its state on the next upgrade, so this list changes only together with a state migration.
 */
class OperatorUidsTest {
    @Test
    void everyOperatorHasItsConstantUidAndAName() {
        Map<String, String> options = new HashMap<>(Map.of(
                "kafka.bootstrap-servers",
                "kafka:9092",
                "mysql.hostname",
                "mysql",
                "mysql.database",
                "shop",
                "mysql.username",
                "cdc"));
        JobSettings settings = JobSettings.from(options, Map.of(JobOptions.MYSQL_PASSWORD_ENV, "secret"));
        StreamExecutionEnvironment env = BuyerSignalsJob.environment(settings);
        BuyerSignalsJob.build(env, settings);
        StreamGraph graph = env.getStreamGraph();

        assertThat(graph.getStreamNodes())
                .allSatisfy(node -> assertThat(node.getOperatorName()).isNotBlank());
        assertThat(graph.getStreamNodes())
                .extracting(StreamNode::getTransformationUID)
                .containsExactlyInAnyOrder(
                        "source-cart-events",
                        "route-cart-events",
                        "source-chat-events",
                        "route-chat-events",
                        "source-checkouts",
                        "route-checkouts",
                        "source-shops",
                        "route-shops",
                        "shop-gate-checkouts",
                        "shop-gate-events",
                        BuyerSignalsTopology.TIMELINE_UID,
                        "order-links",
                        "context-order-links",
                        "shop-outputs-alerts",
                        "shop-outputs-outcomes",
                        BuyerSignalsJob.LINGERING_TRANSACTIONS_UID,
                        BuyerSignalsJob.SIGNALS_SINK_UID,
                        "Sink Committer: " + BuyerSignalsJob.SIGNALS_SINK_UID,
                        BuyerSignalsJob.CONTEXT_SINK_UID,
                        "Sink Committer: " + BuyerSignalsJob.CONTEXT_SINK_UID,
                        BuyerSignalsJob.ALERTS_SINK_UID,
                        "Sink Committer: " + BuyerSignalsJob.ALERTS_SINK_UID,
                        BuyerSignalsJob.OUTCOMES_SINK_UID,
                        "Sink Committer: " + BuyerSignalsJob.OUTCOMES_SINK_UID,
                        BuyerSignalsJob.DEAD_LETTERS_SINK_UID,
                        "Sink Committer: " + BuyerSignalsJob.DEAD_LETTERS_SINK_UID);
        assertThat(env.getConfig().getMaxParallelism()).isEqualTo(JobSettings.MAX_PARALLELISM);
    }
}
