package io.buyersignals.local.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the context, signal and alert topics as a read_committed consumer from their beginning and keeps what an
 * inbox shows: each live conversation's latest context (gone at its tombstone) with its latest signals and alerts.
 * Every record is handed on to the listeners as one message, {@code {"topic", "key", "value"}}, value verbatim.
 */
final class InboxFeed implements AutoCloseable {
    /** Enough to show what just happened in a conversation, few enough to keep the page light. */
    static final int RECENT = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, String> kinds;
    private final Thread thread;
    private final Map<String, String> contexts = new LinkedHashMap<>();
    private final Map<String, Deque<String>> recent = new LinkedHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    /** @param kinds topic name by the kind the page knows it as: {@code context}, {@code signal}, {@code alert} */
    InboxFeed(String bootstrapServers, Map<String, String> kinds) {
        this.kinds = Map.copyOf(kinds);
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "buyer-signals-local-inbox",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.copyOf(kinds.keySet()));
        thread = new Thread(this::follow, "inbox-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands the listener what the inbox holds now, then every record from then on; the returned runnable stops it.
     */
    synchronized Runnable listen(Consumer<String> listener) {
        contexts.forEach((key, value) -> listener.accept(message("context", key, value)));
        recent.values().forEach(messages -> messages.forEach(listener));
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    String kind = kinds.get(record.topic());
                    String message = message(kind, record.key(), record.value());
                    synchronized (this) {
                        remember(kind, record.key(), record.value(), message);
                    }
                    listeners.forEach(listener -> listener.accept(message));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void remember(String kind, String conversation, String value, String message) {
        if (!kind.equals("context")) {
            Deque<String> messages = recent.computeIfAbsent(conversation, c -> new ArrayDeque<>());
            messages.addLast(message);
            while (messages.size() > RECENT * 2) {
                messages.removeFirst();
            }
        } else if (value == null) {
            contexts.remove(conversation);
            recent.remove(conversation);
        } else {
            contexts.put(conversation, value);
        }
    }

    private static String message(String kind, String key, String value) {
        ObjectNode message = JSON.createObjectNode();
        message.put("topic", kind).put("key", key).put("value", value);
        return message.toString();
    }

    /** Live conversations held, for the summary. */
    synchronized int liveConversations() {
        return contexts.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
