package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.json.Json;
import io.buyersignals.json.Readers;
import io.buyersignals.json.RecordReader;
import io.buyersignals.local.CheckoutTable;
import io.buyersignals.local.ShopperSimulator;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.SortedReplay;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Simulated shoppers fed to a job under test in waves, with event time driven by the data alone: every wave ends
 * with a tick on every partition and in the checkouts table, so every input's event time moves past the wave even
 * after a restart. Everything sent is kept, so the rules applied to the same inputs give the reference output.
 */
final class Workload implements AutoCloseable {
    /** Far enough ahead that its ticks release everything still waiting. */
    private static final long FLUSH_TIME = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
    private static final long TICK_CHECKOUT_ID = 999_999;
    private static final int PARTITIONS = 2;
    private static final long SHOPS_LOADED_MARKER = 999;
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** Options that make event time a function of the data, so the live output can equal the replay. */
    static final Map<String, String> DATA_DRIVEN_EVENT_TIME = Map.of("events.quiet-after", "1h",
            "events.max-future-skew", "3650d");

    private final JobUnderTest job;
    private final ShopperSimulator simulator;
    private final KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer();
    private Connection database;
    private final List<String> cartLines = new ArrayList<>();
    private final List<String> chatLines = new ArrayList<>();
    /** Before the job starts, the snapshot sees only each row's latest version. */
    private final Map<Long, String> snapshotRows = new LinkedHashMap<>();
    private final List<String> binlogRows = new ArrayList<>();
    private long clock = Instant.parse("2026-10-01T08:00:00Z").toEpochMilli();
    /** Events written before the job has its shops table wait, so no event can pass a shop gate that is still empty. */
    private final List<Runnable> heldEvents = new ArrayList<>();
    private boolean jobStarted;
    private int ticks;

    Workload(JobUnderTest job, long seed, int buyers) throws Exception {
        this.job = job;
        this.database = job.connect();
        this.simulator = new ShopperSimulator(buyers, seed, () -> clock += 700, new ShopperSimulator.Traffic() {
            @Override
            public void cartSnapshot(String buyerToken, String json) {
                send(job.cartEvents, null, buyerToken, json, cartLines);
            }

            @Override
            public void chatEvent(String buyerToken, String json) {
                send(job.chatEvents, null, buyerToken, json, chatLines);
            }

            @Override
            public void checkoutRow(String json) {
                write(json);
            }
        });
        for (ShopperSimulator.Shop shop : ShopperSimulator.SHOPS) {
            CheckoutTable.insertShop(database, shop.id(), shop.domain(), shop.inboxEnabled());
        }
        // The last row of the shops snapshot is bad: its committed dead letter says the table is loaded.
        CheckoutTable.insertShop(database, SHOPS_LOADED_MARKER, "", true);
    }

    /** After a database restart: the shop application reconnects. */
    void reconnect() throws java.sql.SQLException {
        database.close();
        database = job.connect();
    }

    /** Shopping that happened before the job started: checkout rows reach it through the CDC snapshot. */
    void before(int steps) {
        run(steps);
    }

    /**
     * The job has started: from now on checkout rows reach it through the binlog. Waits until a checkpoint holds the
     * whole shops table (its marker's dead letter is committed), then sends the events shopped before: from then on
     * every restart restores the table before any event reaches a shop gate.
     */
    void jobStarted() {
        jobStarted = true;
        KafkaTopics.readCommitted(job.deadLetters, WAIT,
                records -> records.stream().anyMatch(r -> r.value().contains("\"source\":\"mysql:shops\"")));
        heldEvents.forEach(Runnable::run);
        heldEvents.clear();
    }

    /**
     * Ends the run: flushes every input, waits until the job has published as many signals as the reference holds,
     * stops it with a savepoint, and checks that everything committed is exactly the reference.
     */
    void finish(JobClient running, Path savepoints) {
        flush();
        List<BuyerSignal> reference = reference();
        assertThat(reference).as("a reference worth comparing with").hasSizeGreaterThan(20);
        Reference.awaitAsManyAs(reference, job.signals, WAIT);
        Jobs.stopWithSavepoint(running, savepoints);
        Reference.assertCommittedOutputIs(reference, job.signals);
    }

    /** Shoppers interact {@code steps} times, then every input ticks past them. */
    void wave(int steps) {
        run(steps);
        tick(clock + 1);
    }

    /** A time after everything sent so far, for documents from outside the simulation. */
    String nextTimestamp() {
        clock += 2;
        return Json.timestamp(clock);
    }

    /** A valid cart snapshot or chat event from outside the simulation, e.g. of a shop the table does not know. */
    void sendEvent(boolean chat, String buyerToken, String json) {
        if (chat) {
            send(job.chatEvents, null, buyerToken, json, chatLines);
        } else {
            send(job.cartEvents, null, buyerToken, json, cartLines);
        }
    }

    /** Sends a valid event sent before once more, as a producer retrying after a timeout would. */
    void redeliver(java.util.Random random) {
        boolean chat = random.nextBoolean();
        List<String> sent = chat ? chatLines : cartLines;
        RecordReader<BuyerEvent> reader = chat ? Readers.CHAT_EVENT : Readers.CART_SNAPSHOT;
        while (true) {
            String line = sent.get(random.nextInt(sent.size()));
            Parsed<BuyerEvent> event = reader.parse(line, "redelivery", null, 0L);
            if (event.isValid()) {
                sendEvent(chat, event.value.buyerToken, line);
                return;
            }
        }
    }

    /** A checkout row version written by the shop application as it is, valid or not. */
    void writeCheckoutRow(String json) {
        write(json);
    }

    /** Dead letters the simulated traffic causes: its broken records, and the shops table's marker row. */
    long deadLettersCaused() {
        return simulator.counts().badRecords + 1;
    }

    /** Moves every input far ahead, so the job releases everything it holds. */
    void flush() {
        tick(FLUSH_TIME);
    }

    private void run(int steps) {
        for (int i = 0; i < steps; i++) {
            simulator.step();
        }
    }

    private void tick(long time) {
        ticks++;
        String at = Json.timestamp(time);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            String buyer = "tick-" + partition;
            ObjectNode cart = envelope("cart_snapshot", "tick-cart-" + ticks + "-" + partition, buyer, at);
            cart.put("cart_token", "tick").put("currency", "USD").putArray("line_items");
            send(job.cartEvents, partition, buyer, cart.toString(), cartLines);
            ObjectNode chat = envelope("chat_event", "tick-chat-" + ticks + "-" + partition, buyer, at);
            chat.put("conversation_id", "tick").put("type", "conversation_closed");
            send(job.chatEvents, partition, buyer, chat.toString(), chatLines);
        }
        ObjectNode row = Json.MAPPER.createObjectNode().put("id", TICK_CHECKOUT_ID).put("shop_id", 1)
                .put("buyer_token", "tick").putNull("cart_token").put("currency", "USD").put("total_price", "0.00")
                .putNull("order_id").putNull("order_number").put("created_at", "2026-01-01T00:00:00.000Z")
                .put("updated_at", at).putNull("completed_at");
        write(row.toString());
    }

    private static ObjectNode envelope(String schema, String eventId, String buyer, String at) {
        return Json.MAPPER.createObjectNode().put("schema", schema).put("version", 1).put("event_id", eventId)
                .put("shop_id", 1).put("buyer_token", buyer).put("occurred_at", at);
    }

    private void send(String topic, Integer partition, String key, String json, List<String> sent) {
        sent.add(json);
        if (jobStarted && heldEvents.isEmpty()) {
            KafkaTopics.send(producer, topic, partition, key, json);
        } else {
            heldEvents.add(() -> KafkaTopics.send(producer, topic, partition, key, json));
        }
    }

    private void write(String json) {
        try {
            CheckoutTable.upsert(database, json);
            if (jobStarted) {
                binlogRows.add(json);
            } else {
                JsonNode row = Json.MAPPER.readTree(json);
                snapshotRows.put(row.get("id").asLong(), json);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Writing checkout row " + json + " failed", e);
        }
    }

    /**
     * The rules applied in event-time order to everything the job could have seen (the checkouts snapshot sees only
     * each row's latest version): what a read_committed consumer must get, exactly.
     */
    List<BuyerSignal> reference() {
        List<BuyerEvent> events = new ArrayList<>(valid(cartLines, Readers.CART_SNAPSHOT));
        events.addAll(valid(chatLines, Readers.CHAT_EVENT));
        List<String> rows = new ArrayList<>(snapshotRows.values());
        rows.addAll(binlogRows);
        Map<Long, ShopRow> shops = new HashMap<>();
        for (ShopperSimulator.Shop shop : ShopperSimulator.SHOPS) {
            shops.put(shop.id(), new ShopRow(shop.id(), shop.domain(), shop.inboxEnabled()));
        }
        return SortedReplay.run(valid(rows, Readers.CHECKOUT_ROW), events, shops);
    }

    private static <T> List<T> valid(List<String> lines, RecordReader<T> reader) {
        List<T> values = new ArrayList<>();
        for (String line : lines) {
            Parsed<T> parsed = reader.parse(line, "workload", null, 0L);
            if (parsed.isValid()) {
                values.add(parsed.value);
            }
        }
        return values;
    }

    @Override
    public void close() throws java.sql.SQLException {
        producer.close();
        database.close();
    }
}
