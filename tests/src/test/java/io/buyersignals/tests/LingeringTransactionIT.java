package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.testkit.Deadline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open Kafka transactions block every read_committed consumer until the transaction timeout (10 minutes here, far
 * beyond these tests' deadlines). None may be left behind: not by an earlier attempt after a gap in checkpoint
 * numbers, not by a failure before the first checkpoint, not by a job cancelled with transactions open and restored.
 */
@ExtendWith(Infrastructure.class)
class LingeringTransactionIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    @Test
    void aTransactionLeftOpenAfterAGapInCheckpointNumbersIsAbortedAtStart(
            @TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster) throws Exception {
        JobUnderTest run = JobUnderTest.create(5660, Workload.DATA_DRIVEN_EVENT_TIME);
        // What a sink subtask leaves when checkpoints 2 to 9998 never reached it: the connector stops probing at 2,
        // and this run never gets near 9999 checkpoints, whose transaction would fence it.
        try (KafkaProducer<byte[], byte[]> leftover = transactionalProducer(run.database + "-signals-0-9999");
                Workload workload = new Workload(run, 7, 10)) {
            leftover.initTransactions();
            leftover.beginTransaction();
            for (int partition = 0; partition < 2; partition++) {
                leftover.send(new ProducerRecord<>(
                                run.signals, partition, null, "left over".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            workload.before(60);
            JobClient job = run.start();
            workload.jobStarted();
            for (int wave = 0; wave < 3; wave++) {
                workload.wave(60);
            }
            workload.finish(job, new FlinkRest(cluster.getRestAddress().get().toString()), savepoints);
        }
    }

    @Test
    void aFailureBeforeTheFirstCheckpointLeavesExactlyOneCopyAndNothingOpen(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        JobUnderTest run = JobUnderTest.create(
                5670, Map.of("checkpoint.interval", "20s", "restart-strategy.fixed-delay.attempts", "5"));
        JobClient job = run.start();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer()) {
            KafkaTopics.send(producer, run.cartEvents, 0, "b-1", "not a cart");
            // Written by the first attempt, inside a transaction that no checkpoint will ever commit.
            Deadline.await(
                    "the dead letter written, uncommitted",
                    WAIT,
                    () -> KafkaTopics.openTransactions().stream().anyMatch(t -> t.contains(run.deadLetters)));
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            List<ConsumerRecord<String, String>> letters =
                    KafkaTopics.readCommitted(run.deadLetters, WAIT, records -> !records.isEmpty());
            assertThat(letters)
                    .singleElement()
                    .satisfies(r -> assertThat(r.value()).contains("not a cart"));
            Jobs.cancel(job);
            assertThat(KafkaTopics.readAllCommitted(run.deadLetters, WAIT))
                    .as("and nothing else, ever")
                    .hasSize(1);
        }
    }

    /**
     * The job is cancelled while a completed checkpoint's transactions are prepared and open on the broker (its
     * committer holds them, see {@link Chaos}), shoppers go on while it is down, and a new job restores that
     * checkpoint: it commits them, once.
     */
    @Test
    void aJobCancelledWithOpenTransactionsAndRestoredLaterLosesAndRepeatsNothing(
            @TempDir Path checkpoints, @TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        Map<String, String> retained = new java.util.HashMap<>(Workload.DATA_DRIVEN_EVENT_TIME);
        retained.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        retained.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        JobUnderTest run = JobUnderTest.create(5680, retained);
        try (Workload workload = new Workload(run, 11, 10)) {
            workload.before(60);
            JobClient first = run.startWithChaos();
            workload.jobStarted();
            workload.wave(60);
            Chaos.arm(Chaos.Point.SIGNALS_BEFORE_COMMIT, 1);
            for (int wave = 0;
                    wave < 5
                            && !Chaos.preparedTransactions(Chaos.Point.SIGNALS_BEFORE_COMMIT)
                                    .isDone();
                    wave++) {
                workload.wave(60);
            }
            List<String> held = Chaos.preparedTransactions(Chaos.Point.SIGNALS_BEFORE_COMMIT)
                    .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            Jobs.cancel(first);
            Chaos.disarmAll();
            assertThat(KafkaTopics.openTransactions())
                    .as("the cancelled job's prepared transactions are open")
                    .anyMatch(open -> held.stream().anyMatch(open::startsWith));
            workload.wave(60);

            JobClient second = run.start(Map.of(
                    "execution.savepoint.path", latestCheckpoint(checkpoints).toString()));
            workload.wave(60);
            workload.finish(second, new FlinkRest(cluster.getRestAddress().get().toString()), savepoints);
        }
    }

    private static Path latestCheckpoint(Path directory) throws Exception {
        try (Stream<Path> found = Files.find(
                directory,
                3,
                (path, attributes) ->
                        path.getFileName().toString().startsWith("chk-") && Files.exists(path.resolve("_metadata")))) {
            return found.max(Comparator.comparingLong(
                            path -> Long.parseLong(path.getFileName().toString().substring(4))))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint in " + directory));
        }
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        Infrastructure.kafka().bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        transactionalId,
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        600_000),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
