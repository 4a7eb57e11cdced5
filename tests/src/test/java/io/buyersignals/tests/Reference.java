package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.json.Json;
import io.buyersignals.json.SignalJson;
import io.buyersignals.model.BuyerSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * "Correct" for a live run: a read_committed consumer sees exactly the replay's signals — the same multiset of
 * signal ids (none lost, none twice) and, per conversation (the record key), the same order.
 */
final class Reference {
    private Reference() {}

    /** Waits until the job has published as many signals as the reference holds. */
    static void awaitAsManyAs(List<BuyerSignal> reference, String topic, Duration timeout) {
        KafkaTopics.readCommitted(topic, timeout, records -> records.size() >= reference.size());
    }

    /** Once the job has stopped: everything committed on the topic is exactly the reference. */
    static void assertCommittedOutputIs(List<BuyerSignal> reference, String topic) {
        List<String> live = KafkaTopics.readAllCommitted(topic, Duration.ofSeconds(60)).stream()
                .map(ConsumerRecord::value).toList();
        List<String> expected = reference.stream().map(SignalJson::write).toList();
        assertThat(ids(live)).as("no signal lost or duplicated").containsExactlyInAnyOrderElementsOf(ids(expected));
        assertThat(byConversation(live)).as("and each conversation in order").isEqualTo(byConversation(expected));
    }

    static List<String> ids(List<String> signals) {
        return signals.stream().map(json -> field(json, "signal_id")).toList();
    }

    /** Kafka keeps order per conversation (the record key), not across conversations. */
    static Map<String, List<String>> byConversation(List<String> signals) {
        Map<String, List<String>> grouped = new TreeMap<>();
        for (String json : signals) {
            grouped.computeIfAbsent(field(json, "conversation_id"), c -> new ArrayList<>()).add(json);
        }
        return grouped;
    }

    static String field(String json, String name) {
        try {
            return Json.MAPPER.readTree(json).get(name).asText();
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
