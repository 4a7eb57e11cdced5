package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.contract.Json;
import io.buyersignals.contract.Readers;
import io.buyersignals.contract.Schemas;
import io.buyersignals.contract.SignalJson;
import io.buyersignals.replay.Replay;
import io.buyersignals.testkit.CheckoutTable;
import io.buyersignals.testkit.Deadline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production job on a MiniCluster against a real Kafka broker and a real MariaDB: what a read_committed
 * consumer sees is exactly what the replay command gives for the same inputs.
 */
@ExtendWith(Infrastructure.class)
class PipelineIT {
    private static final Path SAMPLE = Path.of("../job/sample");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String FLUSH_TIME = "2027-01-01T00:00:00.000Z";

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    @Test
    void whatConsumersSeeIsExactlyTheReplayOfTheSameInputs(
            @TempDir Path replayInput, @InjectClusterClient ClusterClient<?> client) throws Exception {
        // Event time driven by the data alone (no wall-clock advance), so live and replay must agree exactly; the
        // flush events lie in the future, which the job would otherwise reject.
        JobUnderTest run =
                JobUnderTest.create(5400, Map.of("events.quiet-after", "1h", "events.max-future-skew", "3650d"));
        List<String> cartLines = lines(Replay.CART_EVENTS);
        List<String> chatLines = lines(Replay.CHAT_EVENTS);
        List<String> checkoutLines = lines(Replay.CHECKOUTS);
        List<String> seenCheckouts = new ArrayList<>();

        try (Connection db = run.connect()) {
            for (String shop : lines(Replay.SHOPS)) {
                CheckoutTable.insertShop(db, Readers.SHOP_ROW.parse(shop, Replay.SHOPS, null, 0L).value);
            }
            // The last row of the shops snapshot is bad: its dead letter tells when the whole table is loaded.
            CheckoutTable.insertShop(db, 999, "", true);
            // Pre-existing rows reach the job through the snapshot, which sees only their latest version.
            CheckoutTable.upsert(db, checkoutLines.get(0));
            CheckoutTable.upsert(db, checkoutLines.get(2));
            seenCheckouts.add(checkoutLines.get(0));
            seenCheckouts.add(checkoutLines.get(2));
        }

        JobClient job = run.start();
        try (AutoCloseable cancel = Jobs.cancelOnClose(job)) {
            KafkaTopics.readCommitted(
                    run.deadLetters,
                    WAIT,
                    records -> records.stream().anyMatch(r -> r.value().contains("\"source\":\"mysql:shops\"")));

            try (Connection db = run.connect()) {
                for (String line : checkoutLines.subList(3, checkoutLines.size())) {
                    CheckoutTable.upsert(db, line);
                    seenCheckouts.add(line);
                }
                String flushRow = "{\"id\":99999,\"shop_id\":42,\"buyer_token\":\"b-flush\",\"cart_token\":null,"
                        + "\"currency\":\"USD\",\"total_price\":\"1.00\",\"order_id\":null,\"order_number\":null,"
                        + "\"created_at\":\"" + FLUSH_TIME + "\",\"updated_at\":\"" + FLUSH_TIME + "\","
                        + "\"completed_at\":null}";
                CheckoutTable.upsert(db, flushRow);
                seenCheckouts.add(flushRow);
            }
            try (KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer()) {
                for (String line : cartLines) {
                    KafkaTopics.send(producer, run.cartEvents, null, buyerOf(line), line);
                }
                for (String line : chatLines) {
                    KafkaTopics.send(producer, run.chatEvents, null, buyerOf(line), line);
                }
                // Every partition moves past the last real event, so every input releases everything it holds.
                for (int partition = 0; partition < 2; partition++) {
                    String cartFlush = flushCart(partition);
                    String chatFlush = flushChat(partition);
                    KafkaTopics.send(producer, run.cartEvents, partition, "b-flush", cartFlush);
                    KafkaTopics.send(producer, run.chatEvents, partition, "b-flush", chatFlush);
                    cartLines.add(cartFlush);
                    chatLines.add(chatFlush);
                }
            }

            write(replayInput.resolve(Replay.CART_EVENTS), cartLines);
            write(replayInput.resolve(Replay.CHAT_EVENTS), chatLines);
            write(replayInput.resolve(Replay.CHECKOUTS), seenCheckouts);
            List<String> shops = new ArrayList<>(lines(Replay.SHOPS));
            shops.add("{\"id\":999,\"domain\":\"\",\"inbox_enabled\":true}");
            write(replayInput.resolve(Replay.SHOPS), shops);
            Replay.Result reference = Replay.run(replayInput, Duration.ofSeconds(5), 2);
            assertThat(reference.signals()).as("the reference is not empty").hasSizeGreaterThan(10);

            List<ConsumerRecord<String, String>> live;
            try {
                live = KafkaTopics.readCommitted(
                        run.signals,
                        WAIT,
                        records -> records.size() >= reference.signals().size());
            } catch (IllegalStateException e) {
                throw new AssertionError(
                        "No complete output; operator watermarks: "
                                + JobWatermarks.of(
                                        client.getWebInterfaceURL(),
                                        job.getJobID().toString()),
                        e);
            }
            assertThat(Reference.byConversation(
                            live.stream().map(ConsumerRecord::value).toList()))
                    .isEqualTo(Reference.byConversation(
                            reference.signals().stream().map(SignalJson::write).toList()));
            for (ConsumerRecord<String, String> record : live) {
                assertThat(record.key())
                        .isEqualTo(Json.MAPPER
                                .readTree(record.value())
                                .get("conversation_id")
                                .asText());
                assertThat(Schemas.violations("buyer_signal", record.value())).isEmpty();
            }
            assertThat(Reference.byConversation(
                            reference.signals().stream().map(SignalJson::write).toList()))
                    .as("and both are the sample's expected output")
                    .isEqualTo(Reference.byConversation(lines("expected/signals.jsonl")));

            List<String> referenceErrors =
                    reference.deadLetters().stream().map(d -> d.error).sorted().toList();
            List<ConsumerRecord<String, String>> letters = KafkaTopics.readCommitted(
                    run.deadLetters, WAIT, records -> records.size() >= referenceErrors.size());
            assertThat(letters.stream().map(r -> error(r.value())).sorted().toList())
                    .isEqualTo(referenceErrors);
            for (ConsumerRecord<String, String> letter : letters) {
                assertThat(Schemas.violations("dead_letter", letter.value())).isEmpty();
            }
            assertThat(letters)
                    .filteredOn(r -> r.value().contains("not JSON"))
                    .singleElement()
                    .satisfies(r -> {
                        JsonNode d = Json.MAPPER.readTree(r.value());
                        assertThat(d.get("source").asText()).isEqualTo(run.cartEvents);
                        assertThat(d.get("partition").isInt()).isTrue();
                        assertThat(d.get("offset").isIntegralNumber()).isTrue();
                        assertThat(d.get("raw").asText()).isEqualTo("this line is not JSON");
                    });
        }
    }

    @Test
    void quietInputsDoNotHoldSignalsBack() throws Exception {
        JobUnderTest run = JobUnderTest.create(5410, Map.of());
        JobClient job = run.start();
        try (AutoCloseable cancel = Jobs.cancelOnClose(job)) {
            sendAConversationAndACartChange(run, "b-quiet");
            // No more input on any topic and no table changes: the quiet inputs must move on by themselves.
            assertOneLiveCartSignal(run);
        }
    }

    /** Every input idle after the start (a restart at a quiet hour): the first conversation must still be live. */
    @Test
    void inputsIdleSinceTheStartStillCarryTheFirstConversation(@InjectClusterClient ClusterClient<?> client)
            throws Exception {
        JobUnderTest run = JobUnderTest.create(5420, Map.of("events.idle-after-start", "1s"));
        JobClient job = run.start();
        try (AutoCloseable cancel = Jobs.cancelOnClose(job)) {
            String rest = client.getWebInterfaceURL() + "/jobs/" + job.getJobID();
            Deadline.await(
                    "both event inputs idle for a second",
                    WAIT,
                    () -> SourceIdleTime.millis(rest, "Source: cart-events") >= 1000
                            && SourceIdleTime.millis(rest, "Source: chat-events") >= 1000);
            sendAConversationAndACartChange(run, "b-first");
            assertOneLiveCartSignal(run);
        }
    }

    private static void sendAConversationAndACartChange(JobUnderTest run, String buyer) throws Exception {
        String now = Instant.ofEpochMilli(System.currentTimeMillis()).toString();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer()) {
            KafkaTopics.send(
                    producer,
                    run.chatEvents,
                    null,
                    buyer,
                    "{\"schema\":\"chat_event\",\"version\":1,"
                            + "\"event_id\":\"q-1\",\"shop_id\":42,\"buyer_token\":\"" + buyer
                            + "\",\"conversation_id\":\"q\","
                            + "\"type\":\"conversation_started\",\"occurred_at\":\"" + now + "\"}");
            KafkaTopics.send(
                    producer,
                    run.cartEvents,
                    null,
                    buyer,
                    "{\"schema\":\"cart_snapshot\","
                            + "\"version\":1,\"event_id\":\"q-2\",\"shop_id\":42,\"buyer_token\":\"" + buyer + "\","
                            + "\"cart_token\":\"c\",\"occurred_at\":\"" + now
                            + "\",\"currency\":\"USD\",\"line_items\":["
                            + "{\"variant_id\":1,\"product_id\":1,\"title\":\"Hat\",\"quantity\":1,\"unit_price\":\"5.00\"}]}");
        }
    }

    private static void assertOneLiveCartSignal(JobUnderTest run) {
        List<ConsumerRecord<String, String>> signals =
                KafkaTopics.readCommitted(run.signals, WAIT, records -> !records.isEmpty());
        assertThat(signals)
                .singleElement()
                .satisfies(r -> assertThat(r.value())
                        .contains("\"type\":\"cart_updated\"", "\"timing\":\"post_conversation\""));
    }

    private static List<String> lines(String file) throws Exception {
        return new ArrayList<>(Files.readAllLines(SAMPLE.resolve(file), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList());
    }

    private static void write(Path file, List<String> lines) throws Exception {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String buyerOf(String line) {
        try {
            return Json.MAPPER.readTree(line).get("buyer_token").asText();
        } catch (Exception | AssertionError e) {
            return null; // malformed on purpose: any partition
        }
    }

    private static String error(String deadLetter) {
        return Reference.field(deadLetter, "error");
    }

    private static String flushCart(int partition) {
        return "{\"schema\":\"cart_snapshot\",\"version\":1,\"event_id\":\"flush-cart-" + partition
                + "\",\"shop_id\":42,"
                + "\"buyer_token\":\"b-flush\",\"cart_token\":\"c-flush\",\"occurred_at\":\"" + FLUSH_TIME + "\","
                + "\"currency\":\"USD\",\"line_items\":[]}";
    }

    private static String flushChat(int partition) {
        return "{\"schema\":\"chat_event\",\"version\":1,\"event_id\":\"flush-chat-" + partition + "\",\"shop_id\":42,"
                + "\"buyer_token\":\"b-flush\",\"conversation_id\":\"flush\",\"type\":\"conversation_closed\","
                + "\"occurred_at\":\"" + FLUSH_TIME + "\"}";
    }
}
