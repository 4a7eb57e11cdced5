package io.buyersignals.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.Fixtures;
import io.buyersignals.contract.DeadLetterJson;
import io.buyersignals.contract.SignalJson;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.rules.SortedReplay;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Output records: JSON value, the conversation as key, schema and version headers, no event-time timestamp. */
class KafkaRecordsTest {
    @Test
    void aSignalIsKeyedByItsConversation() {
        BuyerSignal signal = SortedReplay.run(
                        List.of(),
                        List.of(
                                Fixtures.started("conv-9", Fixtures.T0),
                                Fixtures.cart("e1", Fixtures.T0 + 1, "c1", 10, 1)),
                        Map.of())
                .get(0);
        ProducerRecord<byte[], byte[]> record =
                KafkaRecords.signals("buyer-signals").serialize(signal, null, 1L);
        assertThat(record.topic()).isEqualTo("buyer-signals");
        assertThat(text(record.key())).isEqualTo("conv-9");
        assertThat(text(record.value())).isEqualTo(SignalJson.write(signal));
        assertThat(text(record.headers().lastHeader("schema").value())).isEqualTo("buyer_signal");
        assertThat(text(record.headers().lastHeader("version").value())).isEqualTo("1");
        assertThat(record.timestamp()).isNull();
        assertThat(record.partition()).isNull();
    }

    @Test
    void aDeadLetterIsKeyedByItsSource() {
        DeadLetter letter =
                new DeadLetter("cart-events", 1, 7L, DeadLetter.Reason.UNREADABLE, "record is not valid JSON", "{");
        ProducerRecord<byte[], byte[]> record =
                KafkaRecords.deadLetters("buyer-signals-dlq").serialize(letter, null, 1L);
        assertThat(text(record.key())).isEqualTo("cart-events");
        assertThat(text(record.value())).isEqualTo(DeadLetterJson.write(letter));
        assertThat(text(record.headers().lastHeader("schema").value())).isEqualTo("dead_letter");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
