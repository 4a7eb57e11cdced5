package io.buyersignals.tests;

import io.buyersignals.testkit.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing raw records to, and reading committed records from, the test broker. */
public final class KafkaTopics {
    private KafkaTopics() {}

    public static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        Infrastructure.kafka().bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Sends and waits for the broker's acknowledgement; returns where the record landed. */
    public static RecordMetadata send(
            KafkaProducer<byte[], byte[]> producer, String topic, Integer partition, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, partition, key == null ? null : bytes(key), bytes(value)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Producing to " + topic + " failed", e);
        }
    }

    /** Hands the record to the producer, which delivers it when it can (e.g. once the broker is back). */
    public static Future<RecordMetadata> sendAsync(
            KafkaProducer<byte[], byte[]> producer, String topic, Integer partition, String key, String value) {
        return producer.send(new ProducerRecord<>(topic, partition, key == null ? null : bytes(key), bytes(value)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Everything committed on the topic, from the beginning up to the end a {@code read_committed} consumer sees now:
     * what consumers get once the job has stopped. Blocks (until the timeout) while a transaction is left open.
     */
    public static List<ConsumerRecord<String, String>> readAllCommitted(String topic, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Deadline.await("the committed end of " + topic + " (read so far: " + records.size() + ")", timeout, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(text(r)));
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return records;
    }

    /**
     * Reads the topic from the beginning as a {@code read_committed} consumer until {@code done} holds for the records
     * read so far, then returns them; fails at the deadline.
     */
    public static List<ConsumerRecord<String, String>> readCommitted(
            String topic, Duration timeout, Predicate<List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            Deadline.await("records on " + topic + " (read so far: " + records.size() + ")", timeout, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(text(r)));
                return done.test(records);
            });
        }
        return records;
    }

    /** Transactions still open on the broker, with their partitions: what blocks read_committed consumers. */
    public static List<String> openTransactions() {
        try (Admin admin = Infrastructure.kafka().admin()) {
            List<String> ids = admin.listTransactions().all().get().stream()
                    .filter(t -> t.state() == TransactionState.ONGOING)
                    .map(t -> t.transactionalId())
                    .toList();
            List<String> open = new ArrayList<>();
            admin.describeTransactions(ids)
                    .all()
                    .get()
                    .forEach((id, d) -> open.add(id + " since "
                            + java.time.Instant.ofEpochMilli(
                                    d.transactionStartTimeMs().orElse(0)) + " on " + d.topicPartitions()));
            return open;
        } catch (Exception e) {
            return List.of("(unavailable: " + e + ")");
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        Infrastructure.kafka().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static ConsumerRecord<String, String> text(ConsumerRecord<byte[], byte[]> r) {
        return new ConsumerRecord<>(
                r.topic(),
                r.partition(),
                r.offset(),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
    }
}
