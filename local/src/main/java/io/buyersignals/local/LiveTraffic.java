package io.buyersignals.local;

import io.buyersignals.testkit.CheckoutTable;
import io.buyersignals.testkit.ShopperSimulator;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The simulator's documents as the shop would write them: events to Kafka, checkout rows to the database. */
final class LiveTraffic implements ShopperSimulator.Traffic, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Connection database;
    private final String cartTopic;
    private final String chatTopic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    LiveTraffic(String bootstrapServers, Connection database, String cartTopic, String chatTopic) {
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        this.database = database;
        this.cartTopic = cartTopic;
        this.chatTopic = chatTopic;
    }

    @Override
    public void cartSnapshot(String buyerToken, String json) {
        send(cartTopic, buyerToken, json);
    }

    @Override
    public void chatEvent(String buyerToken, String json) {
        send(chatTopic, buyerToken, json);
    }

    @Override
    public void checkoutRow(String json) {
        try {
            CheckoutTable.upsert(database, json);
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Keyed by buyer, so one buyer's events keep their order on one partition, as the shop's producers do. */
    private void send(String topic, String buyerToken, String json) {
        producer.send(
                new ProducerRecord<>(
                        topic, buyerToken.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)),
                (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
    }

    /** The first write that failed, if any: the local run stops on it rather than simulate into the void. */
    Exception failure() {
        return failure.get();
    }

    @Override
    public void close() throws SQLException {
        try {
            producer.close();
        } finally {
            database.close();
        }
    }
}
