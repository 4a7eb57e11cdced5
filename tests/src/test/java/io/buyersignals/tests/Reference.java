package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.contract.AlertJson;
import io.buyersignals.contract.ContextJson;
import io.buyersignals.contract.Json;
import io.buyersignals.contract.SignalJson;
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ConversationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * "Correct" for a live run: a read_committed consumer sees exactly the reference's signals (the same multiset of
 * signal ids, none lost, none twice, and per conversation, the record key, the same order) and exactly one dead
 * letter per broken input record, identified by where it was read.
 */
final class Reference {
    /** A row in a CDC dead letter's raw change: its id and, for a checkout, its version's time. */
    private static final Pattern ROW = Pattern.compile("after=Struct\\{id=(\\d+)(?:,.*?updated_at=(\\d+))?");

    private Reference() {}

    /** Once the job has stopped: everything committed on the topic is exactly the reference. */
    static void assertCommittedOutputIs(List<BuyerSignal> reference, String topic) {
        List<String> live = KafkaTopics.readAllCommitted(topic, Duration.ofSeconds(60)).stream()
                .map(ConsumerRecord::value)
                .toList();
        List<String> expected = reference.stream().map(SignalJson::write).toList();
        assertSameMultiset("signal", ids(live), ids(expected));
        assertThat(byConversation(live))
                .as("each conversation's signals in order")
                .isEqualTo(byConversation(expected));
    }

    /**
     * Once the job has stopped: every context record of the reference committed once (named by its key and sequence,
     * or its key and "end" for a tombstone), each conversation's in order, and the latest per key equal to the
     * reference's latest: what a compacted topic keeps.
     */
    static void assertCommittedContextsAre(List<ConversationContext> reference, String topic) {
        List<ConsumerRecord<String, String>> committed = KafkaTopics.readAllCommitted(topic, Duration.ofSeconds(60));
        List<String[]> live = committed.stream()
                .map(r -> new String[] {r.key(), r.value() == null ? TOMBSTONE : r.value()})
                .toList();
        List<String[]> expected = reference.stream()
                .map(c -> new String[] {c.conversationId, c.ended ? TOMBSTONE : ContextJson.write(c)})
                .toList();
        assertSameMultiset("context record", contextIds(live), contextIds(expected));
        assertThat(byKey(live))
                .as("each conversation's context records in order")
                .isEqualTo(byKey(expected));
        assertThat(latest(live))
                .as("the latest context record per conversation")
                .isEqualTo(latest(expected));
    }

    /** Once the job has stopped: every alert record of the reference committed once, each conversation's in order. */
    static void assertCommittedAlertsAre(List<BuyerAlert> reference, String topic) {
        List<String> live = KafkaTopics.readAllCommitted(topic, Duration.ofSeconds(60)).stream()
                .map(ConsumerRecord::value)
                .toList();
        List<String> expected = reference.stream().map(AlertJson::write).toList();
        assertSameMultiset(
                "alert",
                live.stream().map(a -> field(a, "event_id")).toList(),
                expected.stream().map(a -> field(a, "event_id")).toList());
        assertThat(byConversation(live))
                .as("each conversation's alerts in order")
                .isEqualTo(byConversation(expected));
    }

    /** A context record's value, or the word for its absence: the conversation ended. */
    static final String TOMBSTONE = "tombstone";

    private static List<String> contextIds(List<String[]> records) {
        return records.stream()
                .map(r -> r[0] + "#" + (r[1].equals(TOMBSTONE) ? "end" : field(r[1], "sequence")))
                .toList();
    }

    private static Map<String, List<String>> byKey(List<String[]> records) {
        Map<String, List<String>> grouped = new TreeMap<>();
        records.forEach(
                r -> grouped.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
        return grouped;
    }

    /** Per key, its latest value; keys whose latest record is a tombstone are gone, as after compaction. */
    static Map<String, String> latest(List<String[]> records) {
        Map<String, String> latest = new TreeMap<>();
        for (String[] r : records) {
            if (r[1].equals(TOMBSTONE)) {
                latest.remove(r[0]);
            } else {
                latest.put(r[0], r[1]);
            }
        }
        return latest;
    }

    /** Once the job has stopped: one committed dead letter per broken record, and nothing else. */
    static void assertCommittedDeadLettersAre(Collection<String> expectedKeys, String topic) {
        List<String> live = KafkaTopics.readAllCommitted(topic, Duration.ofSeconds(60)).stream()
                .map(r -> key(r.value()))
                .toList();
        assertSameMultiset("dead letter", live, expectedKeys);
    }

    /**
     * Where a dead letter's record was read: {@code topic:partition:offset} for Kafka, {@code source:id@updated_at}
     * (the row version, from the raw change) for a table.
     */
    static String key(String deadLetter) {
        try {
            JsonNode d = Json.MAPPER.readTree(deadLetter);
            String source = d.path("source").asText();
            if (!d.path("partition").isNull()) {
                return kafkaKey(
                        source, d.path("partition").asInt(), d.path("offset").asLong());
            }
            Matcher row = ROW.matcher(d.path("raw").asText());
            if (!row.find()) {
                return source + ":" + d.path("raw").asText();
            }
            return row.group(2) == null
                    ? rowKey(source, Long.parseLong(row.group(1)))
                    : rowKey(source, Long.parseLong(row.group(1)), Long.parseLong(row.group(2)));
        } catch (Exception e) {
            throw new AssertionError(deadLetter, e);
        }
    }

    static String kafkaKey(String topic, int partition, long offset) {
        return topic + ":" + partition + ":" + offset;
    }

    static String rowKey(String source, long id, long updatedAt) {
        return source + ":" + id + "@" + updatedAt;
    }

    static String rowKey(String source, long id) {
        return source + ":" + id;
    }

    /** Fails naming what was lost and what was committed more than once, not just that two lists differ. */
    static void assertSameMultiset(String what, Collection<String> actual, Collection<String> expected) {
        Map<String, Integer> surplus = new TreeMap<>();
        actual.forEach(a -> surplus.merge(a, 1, Integer::sum));
        expected.forEach(e -> surplus.merge(e, -1, Integer::sum));
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        surplus.forEach((key, count) -> {
            if (count < 0) {
                lost.add(key + (count < -1 ? " (x" + -count + ")" : ""));
            } else if (count > 0) {
                (expected.contains(key) ? duplicated : unexpected).add(key + " (+" + count + ")");
            }
        });
        if (!lost.isEmpty() || !duplicated.isEmpty() || !unexpected.isEmpty()) {
            throw new AssertionError(String.format(
                    "Not exactly once: %d of %d %ss lost %s, %d duplicated %s, %d unexpected %s",
                    lost.size(),
                    expected.size(),
                    what,
                    lost,
                    duplicated.size(),
                    duplicated,
                    unexpected.size(),
                    unexpected));
        }
    }

    static List<String> ids(List<String> signals) {
        return signals.stream().map(json -> field(json, "signal_id")).toList();
    }

    /** Kafka keeps order per conversation (the record key), not across conversations. */
    static Map<String, List<String>> byConversation(List<String> signals) {
        Map<String, List<String>> grouped = new TreeMap<>();
        for (String json : signals) {
            grouped.computeIfAbsent(field(json, "conversation_id"), c -> new ArrayList<>())
                    .add(json);
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
