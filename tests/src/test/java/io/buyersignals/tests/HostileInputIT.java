package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.contract.Json;
import io.buyersignals.contract.Schemas;
import io.buyersignals.contract.TableRows;
import io.buyersignals.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand hostile records through the real Kafka sources, and broken checkout rows through the binlog, mixed
 * into simulated shopping (with re-delivered events and a shop the table does not know): every broken record
 * becomes exactly one dead letter, found by the partition and offset it was read from, whose error gives the
 * reason expected for its kind; the job never fails (it runs with no restarts allowed), and the valid records
 * still give exactly the rules' output. The seed is printed; {@code -Dhostile.seed=N} replays a run.
 */
@ExtendWith(Infrastructure.class)
class HostileInputIT {
    private static final int HOSTILE_RECORDS = 10_000;
    private static final int WAVES = 5;

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    @Test
    void eachBrokenRecordBecomesItsOwnDeadLetterWithItsReasonAndTheRestStillGivesExactlyTheReference(
            @TempDir Path savepoints, @InjectMiniCluster MiniCluster cluster) throws Exception {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        System.out.printf("HostileInputIT: seed %d (replay with -Dhostile.seed=%d)%n", seed, seed);
        Map<String, String> options = new HashMap<>(Workload.DATA_DRIVEN_EVENT_TIME);
        // Far enough for the workload's flush, not for a record dated 2099; and input must never fail the job.
        options.put("events.max-future-skew", "60d");
        options.put("restart-strategy.type", "none");
        JobUnderTest run = JobUnderTest.create(5740, options);
        HostileRecords hostile = new HostileRecords(seed);
        Random random = new Random(seed);
        Map<String, Integer> sent = new TreeMap<>();
        /** Where each hostile record landed, and the error its dead letter must give. */
        Map<String, String> expectedErrors = new HashMap<>();
        try (Workload workload = new Workload(run, seed, 12);
                KafkaProducer<byte[], byte[]> producer = producer()) {
            workload.before(60);
            JobClient job = run.start();
            workload.jobStarted();
            for (int wave = 0; wave < WAVES; wave++) {
                workload.wave(60);
                List<Map.Entry<HostileRecords.Hostile, Future<RecordMetadata>>> pending = new ArrayList<>();
                for (int i = 0; i < HOSTILE_RECORDS / WAVES; i++) {
                    HostileRecords.Hostile record = wave == 0 && i < 3 ? hostile.megabyte() : hostile.next();
                    pending.add(Map.entry(record, send(producer, run, record, sent)));
                }
                producer.flush();
                for (Map.Entry<HostileRecords.Hostile, Future<RecordMetadata>> record : pending) {
                    RecordMetadata landed = record.getValue().get();
                    String key = Reference.kafkaKey(landed.topic(), landed.partition(), landed.offset());
                    expectedErrors.put(key, record.getKey().expectedError());
                    workload.expectDeadLetter(key);
                }
                for (int i = 0; i < 20; i++) {
                    workload.redeliver(random);
                }
                unknownShop(workload, wave);
                expectedErrors.putAll(brokenCheckoutRows(workload, wave, sent));
            }
            System.out.println("HostileInputIT: sent " + sent);

            // Exactly one dead letter per broken record, the workload's own included, by where it was read.
            workload.finish(job, new FlinkRest(cluster.getRestAddress().get().toString()), savepoints);
            Map<String, JsonNode> letters = new HashMap<>();
            for (ConsumerRecord<String, String> letter :
                    KafkaTopics.readAllCommitted(run.deadLetters, Duration.ofSeconds(60))) {
                assertThat(Schemas.violations("dead_letter", letter.value()))
                        .as(letter.value())
                        .isEmpty();
                letters.put(Reference.key(letter.value()), Json.MAPPER.readTree(letter.value()));
            }
            expectedErrors.forEach((key, error) -> {
                JsonNode letter = letters.get(key);
                assertThat(letter.get("error").asText())
                        .as("the dead letter of %s", key)
                        .contains(error);
                assertThat(letter.get("raw").asText("").getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(DeadLetter.MAX_RAW_BYTES);
            });
        }
    }

    private static Future<RecordMetadata> send(
            KafkaProducer<byte[], byte[]> producer,
            JobUnderTest run,
            HostileRecords.Hostile record,
            Map<String, Integer> sent) {
        sent.merge(record.kind(), 1, Integer::sum);
        return producer.send(new ProducerRecord<>(
                record.chat() ? run.chatEvents : run.cartEvents,
                record.buyer().getBytes(StandardCharsets.UTF_8),
                record.value()));
    }

    /** Valid events of a shop the shops table does not know: admitted (the table may lag), so they count. */
    private static void unknownShop(Workload workload, int wave) {
        String buyer = "b-unknown-shop";
        ObjectNode cart = Json.MAPPER
                .createObjectNode()
                .put("schema", "cart_snapshot")
                .put("version", 1)
                .put("event_id", "unknown-shop-cart-" + wave)
                .put("shop_id", 777)
                .put("buyer_token", buyer)
                .put("cart_token", "c-777")
                .put("occurred_at", workload.nextTimestamp())
                .put("currency", "EUR");
        cart.putArray("line_items")
                .addObject()
                .put("variant_id", 7)
                .put("product_id", 7)
                .put("title", "Vase")
                .put("quantity", 1 + wave)
                .put("unit_price", "30.00");
        workload.sendEvent(false, buyer, cart.toString());
        ObjectNode chat = Json.MAPPER
                .createObjectNode()
                .put("schema", "chat_event")
                .put("version", 1)
                .put("event_id", "unknown-shop-chat-" + wave)
                .put("shop_id", 777)
                .put("buyer_token", buyer)
                .put("conversation_id", "conv-777-" + wave)
                .put("type", "buyer_message")
                .put("occurred_at", workload.nextTimestamp());
        workload.sendEvent(true, buyer, chat.toString());
    }

    /**
     * Rows the database accepts but the contract does not, and one with every nullable column NULL; returns where
     * each broken one is read from (the workload expects their dead letters) and the error it must give.
     */
    private static Map<String, String> brokenCheckoutRows(Workload workload, int wave, Map<String, Integer> sent) {
        String earlier = "2026-09-01T00:00:00.000Z";
        long id = 800_000 + 10L * wave;
        Map<String, String> expected = new HashMap<>();
        String updated = workload.nextTimestamp();
        workload.writeBrokenCheckoutRow(row(id, "-5.00", earlier, updated, null));
        expected.put(rowKey(id, updated), "total_price must be");
        updated = workload.nextTimestamp();
        workload.writeBrokenCheckoutRow(row(id + 1, "5.00", earlier, updated, "2026-08-01T00:00:00.000Z"));
        expected.put(rowKey(id + 1, updated), "completed_at");
        String later = workload.nextTimestamp();
        workload.writeBrokenCheckoutRow(row(id + 2, "5.00", later, earlier, null));
        expected.put(rowKey(id + 2, earlier), "updated_at precedes created_at");
        sent.merge("a broken checkout row", 3, Integer::sum);
        workload.writeCheckoutRow(row(id + 3, "0.00", earlier, workload.nextTimestamp(), null));
        return expected;
    }

    private static String rowKey(long id, String updatedAt) {
        return Reference.rowKey(
                TableRows.CHECKOUTS_SOURCE,
                id,
                java.time.Instant.parse(updatedAt).toEpochMilli());
    }

    private static String row(long id, String total, String createdAt, String updatedAt, String completedAt) {
        ObjectNode row = Json.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("shop_id", 1)
                .put("buyer_token", "b-rows")
                .putNull("cart_token")
                .put("currency", "USD")
                .put("total_price", total)
                .putNull("order_id")
                .putNull("order_number")
                .put("created_at", createdAt)
                .put("updated_at", updatedAt);
        return (completedAt == null ? row.putNull("completed_at") : row.put("completed_at", completedAt)).toString();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        Infrastructure.kafka().bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        4 * 1024 * 1024),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
