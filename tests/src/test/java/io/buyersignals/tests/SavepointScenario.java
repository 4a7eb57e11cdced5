package io.buyersignals.tests;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.contract.Json;
import io.buyersignals.testkit.CheckoutTable;
import java.sql.Connection;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The buyers a release's savepoint holds, and what they do after it is restored. Before: b-open opens conv-open,
 * fills cart c-open, checks out and completes order 9001 (which clears the cart), then starts cart c-open2; b-cart
 * fills cart c-cart without chatting. After: b-open changes c-open2, order 9001's row is read again, b-cart opens
 * conv-cart. Event time stays within the conversation's seven days, so everything is still live.
 */
final class SavepointScenario {
    static final long T = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    static final long SHOP = 1;
    private static final long MARKER_SHOP = 999;

    private final JobUnderTest job;
    private final KafkaProducer<byte[], byte[]> producer;

    SavepointScenario(JobUnderTest job, KafkaProducer<byte[], byte[]> producer) {
        this.job = job;
        this.producer = producer;
    }

    /** The shops table; its last row is bad, so its committed dead letter says the table is loaded. */
    void shops(Connection db) throws Exception {
        CheckoutTable.insertShop(db, SHOP, "fixture-shop.myshopify.com", true);
        CheckoutTable.insertShop(db, MARKER_SHOP, "", true);
    }

    void awaitShopsLoaded() {
        KafkaTopics.readCommitted(
                job.deadLetters,
                java.time.Duration.ofSeconds(120),
                records -> records.stream().anyMatch(r -> r.value().contains("\"source\":\"mysql:shops\"")));
    }

    /** What the savepoint of a release holds: four signals for conv-open are out, b-cart has a cart. */
    void before(Connection db) throws Exception {
        chat("b-open", "conv-open", "conversation_started", 0);
        cart("b-open", "c-open", 1, 10, 1);
        CheckoutTable.upsert(db, order(false, 2));
        CheckoutTable.upsert(db, order(true, 3));
        cart("b-open", "c-open2", 4, 11, 1);
        cart("b-cart", "c-cart", 5, 20, 2);
        tick(db, 10);
    }

    /** The order's row as the database holds it after the savepoint: read again by the restored job's snapshot. */
    void orderRowAgain(Connection db) throws Exception {
        CheckoutTable.upsert(db, order(true, 3));
    }

    /** After the restore: a change to a restored cart, and a conversation for a buyer with a restored cart. */
    void after(Connection db) throws Exception {
        cart("b-open", "c-open2", 20, 11, 3);
        chat("b-cart", "conv-cart", "conversation_started", 22);
        tick(db, 30);
    }

    private void chat(String buyer, String conversation, String type, int minute) {
        ObjectNode doc = envelope("chat_event", buyer, minute)
                .put("conversation_id", conversation)
                .put("type", type);
        KafkaTopics.send(producer, job.chatEvents, null, buyer, doc.toString());
    }

    private void cart(String buyer, String cartToken, int minute, long variant, int quantity) {
        ObjectNode doc = envelope("cart_snapshot", buyer, minute)
                .put("cart_token", cartToken)
                .put("currency", "USD");
        ArrayNode items = doc.putArray("line_items");
        items.addObject()
                .put("variant_id", variant)
                .put("product_id", variant / 10)
                .put("title", "Item " + variant)
                .put("quantity", quantity)
                .put("unit_price", "12.50");
        KafkaTopics.send(producer, job.cartEvents, null, buyer, doc.toString());
    }

    private static String order(boolean completed, int minute) {
        ObjectNode row = Json.MAPPER
                .createObjectNode()
                .put("id", 501)
                .put("shop_id", SHOP)
                .put("buyer_token", "b-open")
                .put("cart_token", "c-open")
                .put("currency", "USD")
                .put("total_price", "12.50")
                .put("created_at", at(2))
                .put("updated_at", at(minute));
        if (completed) {
            row.put("order_id", 9001).put("order_number", "#9001").put("completed_at", at(minute));
        } else {
            row.putNull("order_id").putNull("order_number").putNull("completed_at");
        }
        return row.toString();
    }

    /** Every partition and the checkouts table move to the given minute, so the job releases what came before. */
    private void tick(Connection db, int minute) throws Exception {
        for (int partition = 0; partition < 2; partition++) {
            ObjectNode cart = envelope("cart_snapshot", "tick-" + partition, minute)
                    .put("cart_token", "tick")
                    .put("currency", "USD");
            cart.putArray("line_items");
            KafkaTopics.send(
                    producer,
                    job.cartEvents,
                    partition,
                    "tick",
                    cart.put("event_id", "tick-cart-" + minute + "-" + partition)
                            .toString());
            ObjectNode chat = envelope("chat_event", "tick-" + partition, minute)
                    .put("conversation_id", "tick")
                    .put("type", "conversation_closed");
            KafkaTopics.send(
                    producer,
                    job.chatEvents,
                    partition,
                    "tick",
                    chat.put("event_id", "tick-chat-" + minute + "-" + partition)
                            .toString());
        }
        CheckoutTable.upsert(
                db,
                Json.MAPPER
                        .createObjectNode()
                        .put("id", 999_999)
                        .put("shop_id", SHOP)
                        .put("buyer_token", "tick")
                        .putNull("cart_token")
                        .put("currency", "USD")
                        .put("total_price", "0.00")
                        .putNull("order_id")
                        .putNull("order_number")
                        .put("created_at", at(0))
                        .put("updated_at", at(minute))
                        .putNull("completed_at")
                        .toString());
    }

    private static ObjectNode envelope(String schema, String buyer, int minute) {
        return Json.MAPPER
                .createObjectNode()
                .put("schema", schema)
                .put("version", 1)
                .put("event_id", schema + "-" + buyer + "-" + minute)
                .put("shop_id", SHOP)
                .put("buyer_token", buyer)
                .put("occurred_at", at(minute));
    }

    private static String at(int minute) {
        return Json.timestamp(T + minute * MINUTE);
    }
}
