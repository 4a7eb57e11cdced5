package io.buyersignals.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.contract.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows the signal, outcome and dead-letter topics as a read_committed consumer and prints one readable line each. */
final class SignalPrinter implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final String signalsTopic;
    private final String outcomesTopic;
    private final PrintStream out;
    private final Thread thread;
    private final Map<String, Long> counts = new TreeMap<>();
    private volatile boolean running = true;

    SignalPrinter(
            String bootstrapServers,
            String signalsTopic,
            String outcomesTopic,
            String deadLettersTopic,
            PrintStream out) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "buyer-signals-local-printer",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        // What a merchant-facing consumer must set to see only committed (exactly-once) output.
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
        this.signalsTopic = signalsTopic;
        this.outcomesTopic = outcomesTopic;
        this.out = out;
        consumer.subscribe(List.of(signalsTopic, outcomesTopic, deadLettersTopic));
        thread = new Thread(this::follow, "signal-printer");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    String line;
                    String counted;
                    if (record.topic().equals(signalsTopic)) {
                        line = describeSignal(record.value());
                        counted = countKey(record.value());
                    } else if (record.topic().equals(outcomesTopic)) {
                        line = describeOutcome(record.value());
                        counted = "outcomes";
                    } else {
                        line = describeDeadLetter(record.value());
                        counted = "dead letters";
                    }
                    synchronized (this) {
                        counts.merge(counted, 1L, Long::sum);
                    }
                    out.println(line);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Signals by type and timing, and dead letters, printed so far. */
    synchronized Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String countKey(String json) {
        JsonNode s = read(json);
        return s.path("type").asText() + " (" + s.path("timing").asText() + ")";
    }

    static String describeSignal(String json) {
        JsonNode s = read(json);
        String detail = switch (s.path("type").asText()) {
            case "cart_updated" -> cart(s.path("cart"));
            case "checkout_started" ->
                "checkout " + s.path("checkout").path("checkout_id").asText() + " · " + money(s.path("checkout"));
            case "order_completed" ->
                "order " + s.path("order").path("order_number").asText() + " · " + money(s.path("order")) + " · "
                        + s.path("order").path("admin_url").asText("(shop unknown)");
            default -> json;
        };
        String timing = s.path("timing").asText().equals("pre_conversation") ? "context" : "live";
        return String.format(
                "%s  shop %s  %-10s %-12s %-16s %-7s %s",
                time(s.path("occurred_at").asText()),
                s.path("shop_id").asText(),
                s.path("buyer_token").asText(),
                s.path("conversation_id").asText(),
                s.path("type").asText(),
                timing,
                detail);
    }

    private static String cart(JsonNode cart) {
        StringBuilder text = new StringBuilder();
        for (JsonNode action : cart.path("actions")) {
            String title = action.path("title").asText();
            int before = action.path("quantity_before").asInt();
            int after = action.path("quantity_after").asInt();
            text.append(
                            switch (action.path("action").asText()) {
                                case "added" -> "+" + after + " " + title;
                                case "removed" -> "-" + before + " " + title;
                                default -> title + " " + before + "→" + after;
                            })
                    .append(", ");
        }
        long count = cart.path("item_count").asLong();
        return text + (count == 1 ? "1 item · " : count + " items · ") + money(cart);
    }

    /** A conversation's outcome, as it ends: why, whether it was answered and how fast, whether it converted. */
    static String describeOutcome(String json) {
        JsonNode o = read(json);
        String reply = o.path("replied").asBoolean()
                ? "answered in "
                        + Duration.ofMillis(o.path("response_time_ms").asLong()).toSeconds() + " s"
                : o.path("first_buyer_message_at").isNull() ? "no message" : "not answered";
        String converted = o.path("converted").asBoolean()
                ? "converted: " + o.path("orders").asInt() + " order(s), "
                        + o.path("revenue").asText() + " " + o.path("currency").asText()
                : "not converted";
        String arm = o.path("arm").isNull() ? "" : ", " + o.path("arm").asText() + " arm";
        return String.format(
                "%s  shop %s  %-10s %-12s outcome          %s (%s), %s, %s%s",
                time(o.path("ended_at").asText()),
                o.path("shop_id").asText(),
                o.path("buyer_token").asText(),
                o.path("conversation_id").asText(),
                o.path("end_reason").asText(),
                o.path("stage_at_start").asText() + " at the start",
                reply,
                converted,
                arm);
    }

    static String describeDeadLetter(String json) {
        JsonNode d = read(json);
        return String.format(
                "dead letter from %s (partition %s, offset %s): %s",
                d.path("source").asText(),
                d.path("partition").asText(),
                d.path("offset").asText(),
                d.path("error").asText());
    }

    private static String money(JsonNode document) {
        return document.path("total_price").asText() + " "
                + document.path("currency").asText();
    }

    /** The time of day of an ISO-8601 timestamp: the date is today's in a local run. */
    private static String time(String timestamp) {
        int t = timestamp.indexOf('T');
        return t < 0 ? timestamp : timestamp.substring(t + 1, Math.max(t + 1, timestamp.length() - 1));
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode().put("type", "unreadable").put("error", json);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
