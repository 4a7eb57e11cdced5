package io.buyersignals.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void theStatesCostIsTheTimelineAndRocksDbsOwnThreads() {
        Map<String, Double> perEvent = Map.of(
                "Buyer timeline", 40.0,
                "native: rocksdb:high", 8.0,
                "native: rocksdb:low", 2.5,
                "Shops: context -> Kafka: out-context: Writer", 12.0,
                "native: C2 CompilerThre", 3.0);

        assertThat(ThreadCpu.state(perEvent)).isEqualTo(50.5);
    }

    @Test
    void threadInstancesGroupUnderOneName() {
        assertThat(ThreadCpu.group("Buyer timeline (2/2)#0")).isEqualTo("Buyer timeline");
        assertThat(ThreadCpu.group("kafka-producer-network-thread | producer-7"))
                .isEqualTo("kafka-producer-network-thread");
    }
}
