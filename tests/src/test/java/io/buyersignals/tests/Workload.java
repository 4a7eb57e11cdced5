package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.contract.Json;
import io.buyersignals.contract.OutcomeJson;
import io.buyersignals.contract.Readers;
import io.buyersignals.contract.RecordReader;
import io.buyersignals.contract.TableRows;
import io.buyersignals.job.BuyerSignalsTopology;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import io.buyersignals.spec.RulesSpec;
import io.buyersignals.testkit.CheckoutTable;
import io.buyersignals.testkit.Deadline;
import io.buyersignals.testkit.ShopperSimulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Simulated shoppers fed to a job under test in waves, with event time driven by the data alone: every wave ends
 * with a tick on every partition and in the checkouts table, so every input's event time moves past the wave even
 * after a restart. Every wave also carries broken records, so dead letters flow all the time. Everything sent is
 * kept, with where it landed, so the rules applied to the same inputs give the reference output and every broken
 * record its expected dead letter.
 */
final class Workload implements AutoCloseable {
    /** Far enough ahead that its ticks release everything still waiting. */
    private static final long FLUSH_TIME = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
    /** A watermark this close to the flush has passed everything before it, whatever the out-of-orderness. */
    private static final long FLUSHED = Duration.ofHours(1).toMillis();

    private static final long TICK_CHECKOUT_ID = 999_999;
    private static final int PARTITIONS = 2;
    private static final long SHOPS_LOADED_MARKER = 999;
    private static final long FIRST_BROKEN_ROW_ID = 700_000;
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** Options that make event time a function of the data, so the live output can equal the replay. */
    static final Map<String, String> DATA_DRIVEN_EVENT_TIME =
            Map.of("events.quiet-after", "1h", "events.max-future-skew", "3650d");

    private final JobUnderTest job;
    private final ShopperSimulator simulator;
    private final KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer();
    private Connection database;
    private final List<String> cartLines = new ArrayList<>();
    private final List<String> chatLines = new ArrayList<>();
    /** Before the job starts, the snapshot sees only each row's latest version. */
    private final Map<Long, String> snapshotRows = new LinkedHashMap<>();

    private final List<String> binlogRows = new ArrayList<>();
    /** Where each broken record was read from, as {@link Reference#key} names a dead letter. */
    private final List<String> brokenRecords = new ArrayList<>();

    private long clock = Instant.parse("2026-10-01T08:00:00Z").toEpochMilli();
    /** Events written before the job has its shops table wait, so no event can pass a shop gate that is still empty. */
    private final List<Runnable> heldEvents = new ArrayList<>();

    private boolean jobStarted;
    private int ticks;
    private int waves;
    private long lastTick;
    private int brokenElsewhere;
    private boolean brokerDown;
    /** Records handed to the producer while the broker was down, each with what to do once it is acknowledged. */
    private final List<Callable<Void>> unacknowledged = new ArrayList<>();
    /** Checkout rows the application holds while the database is down; null while it is up. */
    private List<String> heldRows;

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
            CheckoutTable.insertShop(database, shop.row());
        }
        // The last row of the shops snapshot is bad: its committed dead letter says the table is loaded.
        CheckoutTable.insertShop(database, SHOPS_LOADED_MARKER, "", true);
        brokenRecords.add(Reference.rowKey(TableRows.SHOPS_SOURCE, SHOPS_LOADED_MARKER));
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
        KafkaTopics.readCommitted(
                job.deadLetters,
                WAIT,
                records -> records.stream().anyMatch(r -> r.value().contains("\"source\":\"mysql:shops\"")));
        heldEvents.forEach(Runnable::run);
        heldEvents.clear();
    }

    /**
     * Ends the run: {@link #stop stops} the job once it has handed everything to its sinks, then checks that what
     * is committed is exactly the reference and one dead letter per broken record.
     */
    void finish(JobClient running, FlinkRest rest, Path savepoints) {
        stop(running, rest, savepoints);
        assertOutputsExactlyOnce();
    }

    /** As {@link #finish(JobClient, FlinkRest, Path)}, for a job known by its id, stopped by the given call. */
    void finish(String jobId, FlinkRest rest, Callable<String> stopWithSavepoint) {
        stop(jobId, rest, stopWithSavepoint);
        assertOutputsExactlyOnce();
    }

    /** Once stopped: every output's committed records are exactly the reference's. */
    void assertOutputsExactlyOnce() {
        // The specification runs once over everything sent; each output is checked against its part.
        RulesSpec.Output expected = expected();
        assertSignalsExactlyOnce(expected.signals());
        assertContextsExactlyOnce(expected.contexts());
        Reference.assertCommittedAlertsAre(expected.alerts(), job.alerts);
        assertOutcomesExactlyOnce(expected.outcomes());
        assertDeadLettersExactlyOnce();
    }

    /** Once stopped: every context record of the rules' output committed once, each conversation's in order. */
    void assertContextsExactlyOnce() {
        assertContextsExactlyOnce(expected().contexts());
    }

    private void assertContextsExactlyOnce(List<ConversationContext> contexts) {
        assertThat(contexts).as("context records worth comparing with").hasSizeGreaterThan(20);
        Reference.assertCommittedContextsAre(contexts, job.contexts);
    }

    /** Once stopped: every conversation's outcome committed once, exactly as the specification has it. */
    private void assertOutcomesExactlyOnce(List<ConversationOutcome> outcomes) {
        List<String> expected = outcomes.stream().map(OutcomeJson::write).toList();
        assertThat(expected).as("outcomes worth comparing with").hasSizeGreaterThan(5);
        Reference.assertSameMultiset(
                "outcome",
                KafkaTopics.readAllCommitted(job.outcomes, WAIT).stream()
                        .map(r -> r.value())
                        .toList(),
                expected);
    }

    /**
     * Flushes every input, waits until the buyer timeline's and the dead-letter sink's input watermarks have passed
     * the flush (so every signal and dead letter is on its way to its sink, ahead of any later barrier), and stops
     * the job with a savepoint, which commits the last transactions. It waits on event time, not on a count of
     * output, so a job that loses output is reported as losing it.
     */
    void stop(JobClient running, FlinkRest rest, Path savepoints) {
        stop(running.getJobID().toString(), rest, () -> Jobs.stopWithSavepoint(running, savepoints));
    }

    private void stop(String jobId, FlinkRest rest, Callable<String> stopWithSavepoint) {
        flush();
        try {
            Deadline.await(
                    "the buyer timeline's and the dead-letter sink's watermarks past the flush",
                    WAIT,
                    () -> rest.minInputWatermark(jobId, BuyerSignalsTopology.TIMELINE_NAME) >= FLUSH_TIME - FLUSHED
                            && rest.minInputWatermark(jobId, "Kafka: " + job.deadLetters) >= FLUSH_TIME - FLUSHED);
        } catch (IllegalStateException e) {
            throw new AssertionError(
                    "Operator watermarks: " + JobWatermarks.of(rest.address(), jobId)
                            + "; records read and idle time per source: " + sources(rest, jobId),
                    e);
        }
        try {
            stopWithSavepoint.call();
        } catch (Exception e) {
            throw new IllegalStateException("Stopping job " + jobId + " with a savepoint failed", e);
        }
    }

    private static Map<String, String> sources(FlinkRest rest, String jobId) {
        Map<String, String> sources = new java.util.TreeMap<>();
        for (String source : List.of("cart-events", "chat-events", "checkouts", "shops")) {
            try {
                sources.put(
                        source,
                        rest.metricSum(jobId, "Source: " + source, "numRecordsIn") + " records, "
                                + SourceIdleTime.millis(rest.address() + "/jobs/" + jobId, "Source: " + source)
                                + " ms idle");
            } catch (Exception e) {
                sources.put(source, e.toString());
            }
        }
        return sources;
    }

    /** Once stopped: every signal of the rules' output committed once, each conversation's in order. */
    void assertSignalsExactlyOnce() {
        assertSignalsExactlyOnce(expected().signals());
    }

    private void assertSignalsExactlyOnce(List<BuyerSignal> reference) {
        // Half the simulator's buyers shop where the merchant is shown nothing (control arm, inbox off).
        assertThat(reference).as("a reference worth comparing with").hasSizeGreaterThan(10);
        Reference.assertCommittedOutputIs(reference, job.signals);
    }

    /** Once stopped: one committed dead letter per broken record, by where it was read. */
    void assertDeadLettersExactlyOnce() {
        List<String> expected = expectedDeadLetters();
        // The readers' verdict on every record sent agrees with what was broken on purpose.
        assertThat(expected).as("records the readers reject").hasSize((int)
                (brokenRecordsSent() + 1 + brokenElsewhere));
        Reference.assertCommittedDeadLettersAre(expected, job.deadLetters);
    }

    /**
     * Waits until the job has applied everything up to the last wave (the buyer timeline's watermark has passed its
     * tick, so every input, the binlog included, is flowing) and a checkpoint has completed since: the steady state
     * from which a test's next failure starts.
     */
    void awaitCaughtUp(FlinkRest rest, String jobId) {
        // The default out-of-orderness bound: the watermark trails the latest tick by it.
        long applied = lastTick - Duration.ofSeconds(5).toMillis() - 1;
        Deadline.await(
                "the job to apply the last wave",
                WAIT,
                () -> rest.allSubtasksRunningSince(jobId, 0)
                        && rest.minInputWatermark(jobId, BuyerSignalsTopology.TIMELINE_NAME) >= applied);
        long checkpoint = Deadline.await("a checkpoint", WAIT, () -> rest.latestCompletedCheckpoint(jobId));
        Deadline.await(
                "a checkpoint after the last wave", WAIT, () -> rest.latestCompletedCheckpoint(jobId) > checkpoint);
    }

    /**
     * A pause in the shopping: every input ticks 10 s past the last interaction, so the job applies all of it, and a
     * checkpoint completes after that. Returns the buyer timeline's watermark then: everything the rules write up to
     * it is on its way to being committed, nothing after it is written yet.
     */
    long pause(FlinkRest rest, String jobId) throws Exception {
        // Shopping resumes after the ticks: an input behind the watermark they moved would be applied late, at the
        // watermark (rule 6), where the reference applies it at its own time.
        clock += 10_000;
        tick(clock);
        awaitCaughtUp(rest, jobId);
        return rest.minInputWatermark(jobId, BuyerSignalsTopology.TIMELINE_NAME);
    }

    /** Shoppers interact {@code steps} times, a client sends a broken record, then every input ticks past them. */
    void wave(int steps) {
        run(steps);
        breakSomething();
        tick(clock + 1);
    }

    /** One broken event, alternately on each topic, and every other wave a checkout row that breaks the contract. */
    private void breakSomething() {
        waves++;
        String buyer = "b-broken";
        if (waves % 2 == 0) {
            send(job.cartEvents, null, buyer, "{\"schema\":\"cart_snapshot\",\"wave\":" + waves, cartLines);
        } else {
            send(job.chatEvents, null, buyer, "[\"not a chat event\", " + waves + "]", chatLines);
            String earlier = Json.timestamp(clock - 1);
            write(Json.MAPPER
                    .createObjectNode()
                    .put("id", FIRST_BROKEN_ROW_ID + waves)
                    .put("shop_id", 1)
                    .put("buyer_token", buyer)
                    .putNull("cart_token")
                    .put("currency", "USD")
                    .put("total_price", "1.00")
                    .putNull("order_id")
                    .putNull("order_number")
                    .put("created_at", nextTimestamp())
                    .put("updated_at", earlier)
                    .putNull("completed_at")
                    .toString());
        }
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

    /** A checkout row version written by the shop application. */
    void writeCheckoutRow(String json) {
        write(json);
    }

    /** A checkout row version the database accepts and the contract does not: it must become a dead letter. */
    void writeBrokenCheckoutRow(String json) {
        write(json);
        brokenElsewhere++;
    }

    /**
     * Where every broken record the job could have read was read from: what the dead-letter topic must hold, once
     * each. The checkouts snapshot sees only each row's latest version.
     */
    List<String> expectedDeadLetters() {
        List<String> expected = new ArrayList<>(brokenRecords);
        for (String row : snapshotRows.values()) {
            if (!Readers.CHECKOUT_ROW.parse(row, "workload", null, 0L).isValid()) {
                expected.add(rowKey(row));
            }
        }
        return expected;
    }

    /** Checkout row versions written to the database so far. */
    long checkoutRowsWritten() {
        return snapshotRows.size() + binlogRows.size();
    }

    /** A broken record sent from outside the workload, read from {@code key} (see {@link Reference#key}). */
    void expectDeadLetter(String key) {
        brokenRecords.add(key);
        brokenElsewhere++;
    }

    /** Records that broke the contract on purpose: the simulator's, and one or two per wave (not the shops marker). */
    private long brokenRecordsSent() {
        return simulator.counts().badRecords + waves + (waves + 1) / 2;
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
        lastTick = time;
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
        ObjectNode row = Json.MAPPER
                .createObjectNode()
                .put("id", TICK_CHECKOUT_ID)
                .put("shop_id", 1)
                .put("buyer_token", "tick")
                .putNull("cart_token")
                .put("currency", "USD")
                .put("total_price", "0.00")
                .putNull("order_id")
                .putNull("order_number")
                .put("created_at", "2026-01-01T00:00:00.000Z")
                .put("updated_at", at)
                .putNull("completed_at");
        write(row.toString());
    }

    private static String rowKey(String json) {
        JsonNode row;
        try {
            row = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
        return Reference.rowKey(
                TableRows.CHECKOUTS_SOURCE,
                row.get("id").asLong(),
                Instant.parse(row.get("updated_at").asText()).toEpochMilli());
    }

    private static ObjectNode envelope(String schema, String eventId, String buyer, String at) {
        return Json.MAPPER
                .createObjectNode()
                .put("schema", schema)
                .put("version", 1)
                .put("event_id", eventId)
                .put("shop_id", 1)
                .put("buyer_token", buyer)
                .put("occurred_at", at);
    }

    private void send(String topic, Integer partition, String key, String json, List<String> sent) {
        sent.add(json);
        RecordReader<BuyerEvent> reader = topic.equals(job.chatEvents) ? Readers.CHAT_EVENT : Readers.CART_SNAPSHOT;
        boolean broken = !reader.parse(json, topic, null, 0L).isValid();
        Runnable sending = () -> {
            if (brokerDown) {
                Future<RecordMetadata> landing = KafkaTopics.sendAsync(producer, topic, partition, key, json);
                unacknowledged.add(() -> landed(topic, broken, landing.get(WAIT.toSeconds(), TimeUnit.SECONDS)));
            } else {
                landed(topic, broken, KafkaTopics.send(producer, topic, partition, key, json));
            }
        };
        if (jobStarted && heldEvents.isEmpty()) {
            sending.run();
        } else {
            heldEvents.add(sending);
        }
    }

    private Void landed(String topic, boolean broken, RecordMetadata landed) {
        if (broken) {
            brokenRecords.add(Reference.kafkaKey(topic, landed.partition(), landed.offset()));
        }
        return null;
    }

    /** The broker is down: records go to the producer, which delivers them once it is back (see {@link #brokerUp}). */
    void brokerDown() {
        brokerDown = true;
    }

    /** Waits until every record sent while the broker was down is acknowledged; returns how many there were. */
    int brokerUp() throws Exception {
        brokerDown = false;
        int sent = unacknowledged.size();
        for (Callable<Void> acknowledged : unacknowledged) {
            acknowledged.call();
        }
        unacknowledged.clear();
        return sent;
    }

    /** The database is down: the shop application holds its writes until {@link #databaseUp}. */
    void databaseDown() {
        heldRows = new ArrayList<>();
    }

    /**
     * The database is back: reconnects and writes the held rows, one by one; returns how many of them were written
     * while {@code readerDisconnected} held just after the write.
     */
    int databaseUp(Callable<Boolean> readerDisconnected) throws Exception {
        List<String> rows = heldRows;
        heldRows = null;
        database.close();
        database = job.connect();
        int whileDisconnected = 0;
        for (String row : rows) {
            write(row);
            if (readerDisconnected.call()) {
                whileDisconnected++;
            }
        }
        return whileDisconnected;
    }

    private void write(String json) {
        if (heldRows != null) {
            heldRows.add(json);
            return;
        }
        try {
            CheckoutTable.upsert(database, json);
            if (jobStarted) {
                binlogRows.add(json);
                if (!Readers.CHECKOUT_ROW.parse(json, "workload", null, 0L).isValid()) {
                    brokenRecords.add(rowKey(json));
                }
            } else {
                JsonNode row = Json.MAPPER.readTree(json);
                snapshotRows.put(row.get("id").asLong(), json);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Writing checkout row " + json + " failed", e);
        }
    }

    /**
     * The independent specification of the rules applied in event-time order to everything the job could have seen
     * (the checkouts snapshot sees only each row's latest version): what a read_committed consumer must get, exactly.
     */

    /** The specification's output for everything sent, with the job's reply wait: the reference of every check. */
    RulesSpec.Output expected() {
        return RulesSpec.sorted(
                checkoutRows(), events(), shops(), job.replyWait().toMillis());
    }

    private List<BuyerEvent> events() {
        List<BuyerEvent> events = new ArrayList<>(valid(cartLines, Readers.CART_SNAPSHOT));
        events.addAll(valid(chatLines, Readers.CHAT_EVENT));
        return events;
    }

    private List<CheckoutRow> checkoutRows() {
        List<String> rows = new ArrayList<>(snapshotRows.values());
        rows.addAll(binlogRows);
        return valid(rows, Readers.CHECKOUT_ROW);
    }

    private static Map<Long, ShopRow> shops() {
        return ShopperSimulator.Shop.table(ShopperSimulator.SHOPS);
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
