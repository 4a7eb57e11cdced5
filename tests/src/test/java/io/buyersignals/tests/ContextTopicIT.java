package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.contract.ContextJson;
import io.buyersignals.job.BuyerSignalsTopology;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.testkit.Deadline;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract's promise for the compacted {@code buyer-context} topic: a consumer that starts at any moment and reads
 * it from the beginning (read_committed) knows the current context of every live conversation, and nothing of the
 * ended ones. At seeded moments the shopping pauses; a fresh consumer then reads the whole topic, while the broker
 * compacts it, and must find per conversation exactly the specification's latest context as of the job's event time.
 */
@ExtendWith(Infrastructure.class)
class ContextTopicIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    @Test
    void aConsumerReadingFromTheBeginningAtAnyMomentHasEveryLiveConversationsCurrentContext(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        long seed = Long.getLong("context.seed", System.nanoTime());
        System.out.printf("ContextTopicIT: seed %d (replay with -Dcontext.seed=%d)%n", seed, seed);
        Random random = new Random(seed);
        String compacted = Infrastructure.uniqueName("it") + "-buyer-context-compacted";
        Infrastructure.kafka().createCompactedTopic(2, compacted);
        Map<String, String> options = new HashMap<>(Workload.DATA_DRIVEN_EVENT_TIME);
        options.put("kafka.topic.context", compacted);
        JobUnderTest run = JobUnderTest.create(5960, options);
        FlinkRest rest = new FlinkRest(cluster.getRestAddress().get().toString());
        JobClient job = null;
        // Half the simulator's buyers shop where the merchant is shown nothing (control arm, inbox off).
        try (Workload workload = new Workload(run, seed, 24)) {
            workload.before(100);
            job = run.start();
            String jobId = job.getJobID().toString();
            workload.jobStarted();
            int conversationsSeen = 0;
            for (int moment = 0; moment < 3; moment++) {
                for (int wave = random.nextInt(4); wave >= 0; wave--) {
                    workload.wave(50);
                }
                long now = workload.pause(rest, jobId);
                List<ConversationContext> specified = workload.expected().contexts();
                Map<String, String> expected = currentContexts(specified, now);
                conversationsSeen += expected.size();
                AtomicReference<Map<String, String>> read = new AtomicReference<>();
                AtomicReference<Integer> recordsRead = new AtomicReference<>();
                try {
                    Deadline.await(
                            "a consumer reading " + compacted + " from the beginning to have every live "
                                    + "conversation's context as of " + now,
                            WAIT,
                            () -> {
                                List<ConsumerRecord<String, String>> records =
                                        KafkaTopics.readAllCommitted(compacted, WAIT);
                                read.set(latestPerKey(records));
                                recordsRead.set(records.size());
                                return read.get().equals(expected);
                            });
                } catch (IllegalStateException e) {
                    assertThat(read.get())
                            .as("the compacted topic read from the beginning")
                            .isEqualTo(expected);
                }
                long written = specified.stream().filter(c -> c.asOf <= now).count();
                System.out.printf(
                        "ContextTopicIT: at %s, %d live conversations from %d records read of %d written%n",
                        java.time.Instant.ofEpochMilli(now), expected.size(), recordsRead.get(), written);
            }
            assertThat(conversationsSeen).as("live conversations compared").isGreaterThan(5);
            // The specification applies every input at its own time; the job applies one behind the watermark at
            // the watermark (rule 6). The comparison holds only if the workload sent none behind it.
            assertThat(rest.metricSum(jobId, BuyerSignalsTopology.TIMELINE_NAME, "late_events_applied"))
                    .as("inputs the job applied late")
                    .isZero();
        } finally {
            if (job != null) {
                Jobs.stop(job);
            }
        }
    }

    /** The specification's latest context per conversation as of {@code now}; ended conversations have none. */
    private static Map<String, String> currentContexts(List<ConversationContext> contexts, long now) {
        List<String[]> upToNow = contexts.stream()
                .filter(c -> c.asOf <= now)
                .map(c -> new String[] {c.conversationId, c.ended ? Reference.TOMBSTONE : ContextJson.write(c)})
                .toList();
        return Reference.latest(upToNow);
    }

    private static Map<String, String> latestPerKey(List<ConsumerRecord<String, String>> records) {
        return Reference.latest(records.stream()
                .map(r -> new String[] {r.key(), r.value() == null ? Reference.TOMBSTONE : r.value()})
                .toList());
    }
}
