package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.contract.Json;
import io.buyersignals.job.BuyerSignalsJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every release's committed savepoint (src/test/resources/savepoints/RELEASE) restores into today's job and
 * behaves: the open conversation still gets live signals, a restored cart diffs against a new snapshot, the order
 * the conversation already got is not sent again when its row is read again, and a restored cart is context for a
 * new conversation. The savepoint was taken against other brokers and another database, so its sources' positions
 * and its sinks' pending transactions mean nothing here: those are dropped with the State Processor API, as an
 * operator moving a job to new infrastructure would; everything else is restored as it is.
 */
@ExtendWith(Infrastructure.class)
class SavepointMigrationIT {
    /** Operators whose state points at the infrastructure the savepoint was taken on. */
    private static final List<String> INFRASTRUCTURE_STATE = List.of(
            "source-cart-events",
            "source-chat-events",
            "source-checkouts",
            "source-shops",
            "Sink Committer: " + BuyerSignalsJob.SIGNALS_SINK_UID,
            "Sink Committer: " + BuyerSignalsJob.CONTEXT_SINK_UID,
            "Sink Committer: " + BuyerSignalsJob.ALERTS_SINK_UID,
            "Sink Committer: " + BuyerSignalsJob.OUTCOMES_SINK_UID,
            "Sink Committer: " + BuyerSignalsJob.DEAD_LETTERS_SINK_UID);

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    static Stream<String> releases() throws Exception {
        Path savepoints =
                Path.of(SavepointMigrationIT.class.getResource("/savepoints").toURI());
        try (Stream<Path> dirs = Files.list(savepoints)) {
            return dirs
                    .filter(dir -> Files.exists(dir.resolve("_metadata")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "release {0}")
    @MethodSource("releases")
    void theSavepointOfAnEarlierReleaseRestoresAndBehaves(
            String release, @TempDir Path derived, @TempDir Path savepoints) throws Exception {
        String restorable = withoutInfrastructureState(savepointOf(release), derived.resolve("savepoint"));

        // Taken at parallelism 2; restored at 1, which also redistributes the key groups.
        JobUnderTest run = JobUnderTest.create(5790, Workload.DATA_DRIVEN_EVENT_TIME);
        try (Connection db = run.connect();
                KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer()) {
            SavepointScenario scenario = new SavepointScenario(run, producer);
            scenario.shops(db);
            scenario.orderRowAgain(db);
            JobClient job = run.start(Map.of("execution.savepoint.path", restorable, "parallelism.default", "1"));
            scenario.awaitShopsLoaded();
            scenario.after(db);
            KafkaTopics.readCommitted(run.signals, Duration.ofSeconds(120), records -> records.size() >= 2);
            Jobs.stopWithSavepoint(job, savepoints);

            assertBehavesAfterRestore(run);
        }
    }

    /**
     * After the restore the open conversation got a live signal for a change of its restored cart, the buyer with
     * a restored cart got it as context of a new conversation, and the order read again was not sent again.
     */
    static void assertBehavesAfterRestore(JobUnderTest run) {
        List<String> signals = KafkaTopics.readAllCommitted(run.signals, Duration.ofSeconds(60)).stream()
                .map(ConsumerRecord::value)
                .map(SavepointMigrationIT::describe)
                .sorted()
                .toList();
        assertThat(signals)
                .containsExactly(
                        "conv-cart cart_updated pre_conversation c-cart added 20 0->2",
                        "conv-open cart_updated post_conversation c-open2 quantity_changed 11 1->3");
    }

    /** The committed savepoint of {@code release}. */
    static Path savepointOf(String release) throws Exception {
        return Path.of(
                SavepointMigrationIT.class.getResource("/savepoints/" + release).toURI());
    }

    /** The savepoint without the state that belongs to the brokers and database it was taken against. */
    static String withoutInfrastructureState(Path savepoint, Path target) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        SavepointWriter writer =
                SavepointWriter.fromExistingSavepoint(env, savepoint.toUri().toString());
        for (String uid : INFRASTRUCTURE_STATE) {
            writer.removeOperator(OperatorIdentifier.forUid(uid));
        }
        writer.write(target.toUri().toString());
        env.execute("drop the infrastructure state of " + savepoint.getFileName());
        return target.toUri().toString();
    }

    /** A signal as "conversation type timing", then its cart's first action, its checkout or its order. */
    private static String describe(String json) {
        JsonNode s;
        try {
            s = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
        JsonNode a = s.at("/cart/actions/0");
        String detail = s.get("cart").isNull()
                ? (s.get("checkout").isNull()
                        ? "order " + s.at("/order/order_id").asText()
                        : "checkout " + s.at("/checkout/checkout_id").asText())
                : s.at("/cart/cart_token").asText() + " " + a.path("action").asText() + " "
                        + a.path("variant_id").asText() + " "
                        + a.path("quantity_before").asText() + "->"
                        + a.path("quantity_after").asText();
        return s.get("conversation_id").asText() + " " + s.get("type").asText() + " "
                + s.get("timing").asText() + " " + detail;
    }
}
