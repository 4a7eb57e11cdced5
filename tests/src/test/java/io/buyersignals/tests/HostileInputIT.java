package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.json.Json;
import io.buyersignals.json.Schemas;
import io.buyersignals.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
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
 * Ten thousand hostile records through the real Kafka sources, and broken checkout rows through the binlog, mixed
 * into simulated shopping (with re-delivered events and a shop the table does not know): every broken record
 * becomes a dead letter with a reason, the job never fails (it runs with no restarts allowed), and the valid
 * records still give exactly the rules' output. The seed is printed; {@code -Dhostile.seed=N} replays a run.
 */
@ExtendWith(Infrastructure.class)
class HostileInputIT {
    private static final int HOSTILE_RECORDS = 10_000;
    private static final int WAVES = 5;

    @RegisterExtension
    static final MiniClusterExtension FLINK = Clusters.oneTaskManager();

    @Test
    void brokenRecordsBecomeDeadLettersAndTheRestStillGivesExactlyTheReference(@TempDir Path savepoints)
            throws Exception {
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
        try (Workload workload = new Workload(run, seed, 12); KafkaProducer<byte[], byte[]> producer = producer()) {
            workload.before(60);
            JobClient job = run.start();
            workload.jobStarted();
            for (int wave = 0; wave < WAVES; wave++) {
                workload.wave(60);
                for (int i = 0; i < HOSTILE_RECORDS / WAVES; i++) {
                    send(producer, run, wave == 0 && i < 3 ? hostile.megabyte() : hostile.next(), sent);
                }
                producer.flush();
                for (int i = 0; i < 20; i++) {
                    workload.redeliver(random);
                }
                unknownShop(workload, wave);
                brokenCheckoutRows(workload, wave, sent);
            }
            long expectedDeadLetters = sent.values().stream().mapToLong(Integer::longValue).sum()
                    + workload.deadLettersCaused();
            System.out.println("HostileInputIT: sent " + sent);

            workload.finish(job, savepoints);
            List<ConsumerRecord<String, String>> letters = KafkaTopics.readAllCommitted(run.deadLetters,
                    Duration.ofSeconds(60));
            assertThat(letters).as("one dead letter per broken record").hasSize((int) expectedDeadLetters);
            for (ConsumerRecord<String, String> letter : letters) {
                assertThat(Schemas.violations("dead_letter", letter.value())).as(letter.value()).isEmpty();
                JsonNode d = Json.MAPPER.readTree(letter.value());
                assertThat(d.get("error").asText()).isNotBlank();
                assertThat(d.get("raw").asText("").getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(DeadLetter.MAX_RAW_BYTES);
            }
            assertThat(letters).filteredOn(r -> r.value().contains("more than") && r.value().contains("future"))
                    .as("2099 is within the readers' range, but beyond the allowed clock skew").isNotEmpty();
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, JobUnderTest run, HostileRecords.Hostile record,
            Map<String, Integer> sent) {
        producer.send(new ProducerRecord<>(record.chat() ? run.chatEvents : run.cartEvents,
                record.buyer().getBytes(StandardCharsets.UTF_8), record.value()));
        sent.merge(record.kind(), 1, Integer::sum);
    }

    /** Valid events of a shop the shops table does not know: admitted (the table may lag), so they count. */
    private static void unknownShop(Workload workload, int wave) {
        String buyer = "b-unknown-shop";
        ObjectNode cart = Json.MAPPER.createObjectNode().put("schema", "cart_snapshot").put("version", 1)
                .put("event_id", "unknown-shop-cart-" + wave).put("shop_id", 777).put("buyer_token", buyer)
                .put("cart_token", "c-777").put("occurred_at", workload.nextTimestamp()).put("currency", "EUR");
        cart.putArray("line_items").addObject().put("variant_id", 7).put("product_id", 7).put("title", "Vase")
                .put("quantity", 1 + wave).put("unit_price", "30.00");
        workload.sendEvent(false, buyer, cart.toString());
        ObjectNode chat = Json.MAPPER.createObjectNode().put("schema", "chat_event").put("version", 1)
                .put("event_id", "unknown-shop-chat-" + wave).put("shop_id", 777).put("buyer_token", buyer)
                .put("conversation_id", "conv-777-" + wave).put("type", "buyer_message")
                .put("occurred_at", workload.nextTimestamp());
        workload.sendEvent(true, buyer, chat.toString());
    }

    /** Rows the database accepts but the contract does not, and one with every nullable column NULL. */
    private static void brokenCheckoutRows(Workload workload, int wave, Map<String, Integer> sent) {
        String earlier = "2026-09-01T00:00:00.000Z";
        long id = 800_000 + 10L * wave;
        workload.writeCheckoutRow(row(id, "-5.00", earlier, workload.nextTimestamp(), null));
        workload.writeCheckoutRow(row(id + 1, "5.00", earlier, workload.nextTimestamp(), "2026-08-01T00:00:00.000Z"));
        String later = workload.nextTimestamp();
        workload.writeCheckoutRow(row(id + 2, "5.00", later, earlier, null));
        sent.merge("a broken checkout row", 3, Integer::sum);
        workload.writeCheckoutRow(row(id + 3, "0.00", earlier, workload.nextTimestamp(), null));
    }

    private static String row(long id, String total, String createdAt, String updatedAt, String completedAt) {
        ObjectNode row = Json.MAPPER.createObjectNode().put("id", id).put("shop_id", 1).put("buyer_token", "b-rows")
                .putNull("cart_token").put("currency", "USD").put("total_price", total).putNull("order_id")
                .putNull("order_number").put("created_at", createdAt).put("updated_at", updatedAt);
        return (completedAt == null ? row.putNull("completed_at") : row.put("completed_at", completedAt)).toString();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024), new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
