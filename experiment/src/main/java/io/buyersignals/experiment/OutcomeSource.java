package io.buyersignals.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Where the outcomes come from: the replay's {@code .outcomes.jsonl} file, or the topic the job writes. */
public final class OutcomeSource {
    /** The documents read, and how many of them were not conversation outcomes. */
    public record Read(List<Outcome> outcomes, int unreadable, String from) {}

    private OutcomeSource() {}

    public static Read file(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(lines.stream().filter(line -> !line.isBlank()).toList(), file.toString());
    }

    /**
     * Everything committed to the topic when the read starts (read_committed, every partition from its beginning to
     * its end then), without a consumer group: the read-out commits no offsets and can run any number of times.
     */
    public static Read topic(String bootstrapServers, String topic, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "experiment-report-" + UUID.randomUUID());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        List<String> documents = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("Topic " + topic + " does not exist at " + bootstrapServers + ".");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading " + topic + " took longer than " + timeout
                            + "; raise --timeout or check the broker.");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        documents.add(record.value());
                    }
                }
            }
        }
        return parse(documents, "topic " + topic + " at " + bootstrapServers);
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    static Read parse(List<String> documents, String from) {
        List<Outcome> outcomes = new ArrayList<>();
        int unreadable = 0;
        for (String document : documents) {
            try {
                outcomes.add(Outcome.parse(document));
            } catch (IllegalArgumentException e) {
                unreadable++;
            }
        }
        return new Read(outcomes, unreadable, from);
    }
}
