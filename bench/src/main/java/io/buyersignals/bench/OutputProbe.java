package io.buyersignals.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.contract.Json;
import io.buyersignals.testkit.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows an output topic as a merchant-facing consumer would (read_committed): counts records, notes when a
 * given key first shows up, and, when asked, measures each live signal's latency from its event's time to now.
 */
final class OutputProbe implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong count = new AtomicLong();
    private final ConcurrentHashMap<String, Long> byKey = new ConcurrentHashMap<>();
    private final String watchedKey;
    private final LatencyRecorder latencies;
    private volatile long keySeenAt;
    private volatile boolean running = true;

    OutputProbe(String bootstrapServers, String topic, String watchedKey, LatencyRecorder latencies) {
        this.watchedKey = watchedKey;
        this.latencies = latencies;
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-probe-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        20),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        thread = new Thread(this::follow, ThreadCpu.HARNESS + "output-probe-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    count.incrementAndGet();
                    if (record.key() != null) {
                        byKey.merge(new String(record.key(), StandardCharsets.UTF_8), 1L, Long::sum);
                    }
                    if (keySeenAt == 0
                            && watchedKey != null
                            && record.key() != null
                            && watchedKey.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        keySeenAt = now;
                    }
                    if (latencies != null) {
                        measure(record.value(), now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void measure(byte[] value, long now) {
        try {
            JsonNode signal = Json.MAPPER.readTree(value);
            if (signal.path("timing").asText().equals("post_conversation")) {
                latencies.record(signal.path("occurred_at").asText(), now);
            }
        } catch (Exception unreadable) {
            // not a signal: nothing to measure
        }
    }

    long count() {
        return count.get();
    }

    /** Records seen per key, e.g. signals per conversation. */
    Map<String, Long> countsByKey() {
        return Map.copyOf(byKey);
    }

    /** When the watched key first became visible. */
    Instant awaitKey(Duration timeout) {
        Deadline.await("key " + watchedKey + " in the output", timeout, () -> keySeenAt != 0);
        return Instant.ofEpochMilli(keySeenAt);
    }

    Instant awaitCount(long expected, Duration timeout) {
        Deadline.await(
                expected + " records in the output (seen " + count.get() + ")", timeout, () -> count.get() >= expected);
        return Instant.now();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
