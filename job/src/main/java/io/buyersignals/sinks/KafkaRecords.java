package io.buyersignals.sinks;

import io.buyersignals.contract.AlertJson;
import io.buyersignals.contract.ContextJson;
import io.buyersignals.contract.DeadLetterJson;
import io.buyersignals.contract.OutcomeJson;
import io.buyersignals.contract.SignalJson;
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The job's output records: JSON values (null for a context tombstone) with {@code schema} and {@code version} headers. */
public final class KafkaRecords {
    private KafkaRecords() {}

    /** Keyed by conversation, so one conversation's signals stay in order on one partition. */
    public static KafkaRecordSerializationSchema<BuyerSignal> signals(String topic) {
        return (signal, context, timestamp) ->
                record(topic, signal.conversationId, SignalJson.write(signal), SignalJson.SCHEMA, SignalJson.VERSION);
    }

    /** Keyed by conversation on a compacted topic: the latest record per key is the context; null ends it. */
    public static KafkaRecordSerializationSchema<ConversationContext> contexts(String topic) {
        return (context, kafka, timestamp) -> record(
                topic, context.conversationId, ContextJson.write(context), ContextJson.SCHEMA, ContextJson.VERSION);
    }

    public static KafkaRecordSerializationSchema<BuyerAlert> alerts(String topic) {
        return (alert, kafka, timestamp) ->
                record(topic, alert.conversationId, AlertJson.write(alert), AlertJson.SCHEMA, AlertJson.VERSION);
    }

    public static KafkaRecordSerializationSchema<ConversationOutcome> outcomes(String topic) {
        return (outcome, kafka, timestamp) -> record(
                topic, outcome.conversationId, OutcomeJson.write(outcome), OutcomeJson.SCHEMA, OutcomeJson.VERSION);
    }

    public static KafkaRecordSerializationSchema<DeadLetter> deadLetters(String topic) {
        return (letter, context, timestamp) -> record(
                topic, letter.source, DeadLetterJson.write(letter), DeadLetterJson.SCHEMA, DeadLetterJson.VERSION);
    }

    private static ProducerRecord<byte[], byte[]> record(
            String topic, String key, String json, String schema, int version) {
        Header[] headers = {
            new RecordHeader("schema", schema.getBytes(StandardCharsets.UTF_8)),
            new RecordHeader("version", Integer.toString(version).getBytes(StandardCharsets.UTF_8))
        };
        // No timestamp: the producer stamps the record when it sends it (the broker, on a LogAppendTime topic), never
        // with an event time that may lie days back, which retention would count from.
        return new ProducerRecord<>(
                topic,
                null,
                null,
                key.getBytes(StandardCharsets.UTF_8),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(headers));
    }
}
