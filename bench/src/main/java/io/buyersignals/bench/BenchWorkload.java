package io.buyersignals.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.contract.Json;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.testkit.CheckoutTable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Shopping sessions written to Kafka and the checkouts table before a run starts, so the run measures the job, not
 * the generator. Buyers pick products with Zipf-like popularity; each interaction is a whole-cart snapshot, a chat
 * event, a checkout or an order; a share of events is up to 2 s out of order (within the job's 5 s bound). The input
 * ends with a marker buyer whose signal comes out only once the job has read and released everything before it.
 */
final class BenchWorkload {
    static final String END_BUYER = "bench-end";
    /**
     * Simulated time starts six hours ago and stays in the past (a run's sessions span at most about four hours):
     * once the inputs go quiet, event time follows the wall clock, and buyers dated weeks back would expire.
     */
    static final long START = Instant.now()
            .minus(Duration.ofHours(6))
            .truncatedTo(ChronoUnit.HOURS)
            .toEpochMilli();

    private static final int PRODUCTS = 10_000;
    private static final double ZIPF_EXPONENT = 1.1;

    /** What was written, and what the rules send for it. */
    record Written(long events, long checkoutRows, long kafkaRecords, BenchReference.Outputs rules) {}

    private final String bootstrapServers;
    private final Random random;
    private final double[] zipfCumulative = zipf();
    private final BenchReference reference = new BenchReference();

    BenchWorkload(String bootstrapServers, long seed) {
        this.bootstrapServers = bootstrapServers;
        this.random = new Random(seed);
    }

    /**
     * {@code events} interactions of {@code buyers} buyers, spread over simulated time; checkout rows go to the
     * database, the rest to the two topics.
     */
    Written sessions(
            int events,
            int buyers,
            double outOfOrderShare,
            String cartTopic,
            String chatTopic,
            int partitions,
            Connection database)
            throws Exception {
        int[] versions = new int[buyers];
        Map<Integer, Long> openCheckouts = new HashMap<>();
        long step = Math.max(1, 3_600_000L / events * 4);
        long checkoutRows = 0;
        long time = START;
        try (KafkaProducer<byte[], byte[]> producer = producer();
                PreparedStatement insert = database.prepareStatement("INSERT INTO checkouts (id, shop_id, buyer_token,"
                        + " cart_token, currency, total_price, order_id, order_number, created_at, updated_at,"
                        + " completed_at) VALUES (?, 1, ?, ?, 'USD', ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                        + " order_id = VALUES(order_id), order_number = VALUES(order_number),"
                        + " updated_at = VALUES(updated_at), completed_at = VALUES(completed_at)")) {
            for (int i = 0; i < events; i++) {
                time += step;
                long at = random.nextDouble() < outOfOrderShare ? time - random.nextInt(2_000) : time;
                int buyer = random.nextInt(buyers);
                String token = "b-" + buyer;
                int roll = random.nextInt(100);
                if (roll < 8) {
                    send(
                            producer,
                            chatTopic,
                            null,
                            token,
                            chat(token, "conv-" + buyer + "-" + versions[buyer], "conversation_started", at, i));
                } else if (roll < 10 && versions[buyer] > 0) {
                    Long id = openCheckouts.remove(buyer);
                    if (id == null) {
                        id = (long) i + 1;
                        openCheckouts.put(buyer, id);
                        row(insert, id, token, time, time, null);
                    } else {
                        // In order: a completion never precedes its creation. The table keeps the row's created_at
                        // (the time of event id - 1).
                        row(insert, id, token, START + id * step, time, time);
                    }
                    checkoutRows++;
                } else {
                    versions[buyer]++;
                    send(producer, cartTopic, null, token, cart(token, buyer, versions[buyer], at, i));
                }
                if (checkoutRows > 0 && checkoutRows % 1_000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            end(producer, cartTopic, chatTopic, partitions, time);
        }
        return new Written(events, checkoutRows, events - checkoutRows + endRecords(partitions), reference.outputs());
    }

    /** Idle buyers holding a cart of three items each, and nothing else: what the state of a waiting buyer costs. */
    Written idleCarts(int buyers, String cartTopic, String chatTopic, int partitions) {
        long time = START;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int buyer = 0; buyer < buyers; buyer++) {
                time += 10;
                String token = "b-" + buyer;
                send(producer, cartTopic, null, token, cart(token, buyer, 3, time, buyer));
            }
            end(producer, cartTopic, chatTopic, partitions, time);
        }
        return new Written(buyers, 0, buyers + endRecords(partitions), reference.outputs());
    }

    /**
     * The end marker: a conversation and a cart change of {@link #END_BUYER} just after the last event, then every
     * partition moves past them. Nothing is far in the future, so the buyers' state stays as it is.
     */
    private void end(
            KafkaProducer<byte[], byte[]> producer, String cartTopic, String chatTopic, int partitions, long last) {
        send(
                producer,
                chatTopic,
                null,
                END_BUYER,
                chat(END_BUYER, "conv-end", "conversation_started", last + 5_000, -1));
        send(producer, cartTopic, null, END_BUYER, cart(END_BUYER, 7, 1, last + 6_000, -2));
        for (int partition = 0; partition < partitions; partition++) {
            send(
                    producer,
                    cartTopic,
                    partition,
                    "tick",
                    emptyCart("tick-" + partition, last + 20_000, -10 - partition));
            send(
                    producer,
                    chatTopic,
                    partition,
                    "tick",
                    chat("tick-" + partition, "tick", "conversation_closed", last + 20_000, -20 - partition));
        }
        producer.flush();
    }

    private static int endRecords(int partitions) {
        return 2 + 2 * partitions;
    }

    private byte[] cart(String token, int buyer, int version, long at, long id) {
        ObjectNode doc = envelope("cart_snapshot", token, at, id)
                .put("cart_token", "c-" + token)
                .put("currency", "USD");
        ArrayNode items = doc.putArray("line_items");
        Random cartRandom = new Random(31L * buyer + version);
        int count = 1 + version % 3;
        long[] variants = new long[count];
        for (int i = 0; i < count; i++) {
            variants[i] = 1 + popularProduct(cartRandom) * 4L + i;
        }
        java.util.Arrays.sort(variants);
        for (int i = 0; i < count; i++) {
            if (i == 0 || variants[i] != variants[i - 1]) {
                items.addObject()
                        .put("variant_id", variants[i])
                        .put("product_id", variants[i] / 4 + 1)
                        .put("title", "Product " + variants[i] / 4)
                        .put("quantity", 1 + cartRandom.nextInt(3))
                        .put("unit_price", (10 + variants[i] % 90) + ".00");
            }
        }
        return bytes(doc);
    }

    private byte[] emptyCart(String token, long at, long id) {
        ObjectNode doc = envelope("cart_snapshot", token, at, id)
                .put("cart_token", "c-" + token)
                .put("currency", "USD");
        doc.putArray("line_items");
        return bytes(doc);
    }

    private static byte[] chat(String token, String conversation, String type, long at, long id) {
        return bytes(envelope("chat_event", token, at, id)
                .put("conversation_id", conversation)
                .put("type", type)
                .put("channel", "online_store_chat"));
    }

    private static ObjectNode envelope(String schema, String token, long at, long id) {
        return Json.MAPPER
                .createObjectNode()
                .put("schema", schema)
                .put("version", 1)
                .put("event_id", "e-" + id)
                .put("shop_id", 1)
                .put("buyer_token", token)
                .put("occurred_at", Json.timestamp(at));
    }

    private void row(PreparedStatement insert, long id, String token, long createdAt, long updatedAt, Long completedAt)
            throws Exception {
        CheckoutRow version = new CheckoutRow();
        version.id = id;
        version.shopId = 1;
        version.buyerToken = token;
        version.cartToken = "c-" + token;
        version.currency = "USD";
        version.totalPrice = new BigDecimal((20 + id % 200) + ".00");
        version.orderId = completedAt == null ? null : id;
        version.orderNumber = completedAt == null ? null : "#" + id;
        version.createdAt = createdAt;
        version.updatedAt = updatedAt;
        version.completedAt = completedAt;
        reference.row(version);
        insert.setLong(1, version.id);
        insert.setString(2, version.buyerToken);
        insert.setString(3, version.cartToken);
        insert.setString(4, version.totalPrice.toPlainString());
        insert.setObject(5, version.orderId);
        insert.setString(6, version.orderNumber);
        insert.setString(7, CheckoutTable.datetime(version.createdAt));
        insert.setString(8, CheckoutTable.datetime(version.updatedAt));
        insert.setString(9, version.completedAt == null ? null : CheckoutTable.datetime(version.completedAt));
        insert.addBatch();
    }

    private int popularProduct(Random r) {
        int index = java.util.Arrays.binarySearch(zipfCumulative, r.nextDouble());
        return index >= 0 ? index : Math.min(PRODUCTS - 1, -index - 1);
    }

    private static double[] zipf() {
        double[] cumulative = new double[PRODUCTS];
        double sum = 0;
        for (int rank = 1; rank <= PRODUCTS; rank++) {
            sum += 1 / Math.pow(rank, ZIPF_EXPONENT);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < PRODUCTS; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private void send(
            KafkaProducer<byte[], byte[]> producer, String topic, Integer partition, String key, byte[] value) {
        reference.event(value);
        producer.send(new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value));
    }

    private static byte[] bytes(ObjectNode doc) {
        return doc.toString().getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "1",
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
