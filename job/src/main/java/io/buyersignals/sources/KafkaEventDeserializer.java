package io.buyersignals.sources;

import io.buyersignals.contract.RecordReader;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import io.buyersignals.serde.TypeInfos;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads cart or chat events from Kafka. Never throws: whatever is wrong becomes a dead letter with its reason. */
public final class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<Parsed<BuyerEvent>> {
    private final RecordReader<BuyerEvent> reader;
    private final long maxFutureSkewMillis;

    public KafkaEventDeserializer(RecordReader<BuyerEvent> reader, long maxFutureSkewMillis) {
        this.reader = reader;
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Parsed<BuyerEvent>> out) {
        out.collect(
                read(record.topic(), record.partition(), record.offset(), record.value(), System.currentTimeMillis()));
    }

    Parsed<BuyerEvent> read(String topic, int partition, long offset, byte[] value, long now) {
        if (value == null) {
            return Parsed.bad(new DeadLetter(
                    topic, partition, offset, DeadLetter.Reason.UNREADABLE, "record has no value", null));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return Parsed.bad(new DeadLetter(
                    topic,
                    partition,
                    offset,
                    DeadLetter.Reason.UNREADABLE,
                    "record is not valid UTF-8",
                    new String(value, StandardCharsets.UTF_8)));
        }
        Parsed<BuyerEvent> parsed = reader.parse(text, topic, partition, offset);
        if (parsed.isValid() && parsed.value.occurredAt > now + maxFutureSkewMillis) {
            // A clock far ahead would drag the watermark with it and make every other event late.
            return Parsed.bad(new DeadLetter(
                    topic,
                    partition,
                    offset,
                    DeadLetter.Reason.FUTURE_TIME,
                    "occurred_at is more than " + maxFutureSkewMillis + " ms in the future",
                    text));
        }
        return parsed;
    }

    @Override
    public TypeInformation<Parsed<BuyerEvent>> getProducedType() {
        return TypeInfos.PARSED_BUYER_EVENT;
    }
}
