package io.buyersignals.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.contract.Readers;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Kafka records in: a usable event, or a dead letter with topic, partition, offset and reason. Never a throw. */
class KafkaEventDeserializerTest {
    private static final long NOW = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final KafkaEventDeserializer CHATS = new KafkaEventDeserializer(Readers.CHAT_EVENT, 3_600_000);

    private static String chatAt(String occurredAt) {
        return "{\"schema\":\"chat_event\",\"version\":1,\"event_id\":\"e-2\",\"shop_id\":42,\"buyer_token\":\"b-7\","
                + "\"conversation_id\":\"conv-9\",\"type\":\"buyer_message\",\"occurred_at\":\"" + occurredAt + "\"}";
    }

    private static Parsed<BuyerEvent> read(byte[] value) {
        return CHATS.read("chat-events", 3, 17, value, NOW);
    }

    @Test
    void aValidRecordIsAnEvent() {
        Parsed<BuyerEvent> parsed = read(chatAt("2026-11-22T10:59:59.999Z").getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.value.chat.conversationId).isEqualTo("conv-9");
    }

    @Test
    void anEventTooFarInTheFutureIsADeadLetterSoItCannotDragTheWatermark() {
        Parsed<BuyerEvent> parsed = read(chatAt("2026-11-22T11:00:00.001Z").getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.deadLetter.error).isEqualTo("occurred_at is more than 3600000 ms in the future");
        assertThat(parsed.deadLetter.reason).isEqualTo(DeadLetter.Reason.FUTURE_TIME);
        assertThat(parsed.deadLetter.source).isEqualTo("chat-events");
        assertThat(parsed.deadLetter.partition).isEqualTo(3);
        assertThat(parsed.deadLetter.offset).isEqualTo(17);
        assertThat(parsed.deadLetter.raw).isEqualTo(chatAt("2026-11-22T11:00:00.001Z"));
    }

    @Test
    void aTombstoneAndInvalidUtf8AreDeadLetters() {
        assertThat(read(null).deadLetter.error).isEqualTo("record has no value");
        Parsed<BuyerEvent> latin1 = read(new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        assertThat(latin1.deadLetter.error).isEqualTo("record is not valid UTF-8");
        assertThat(latin1.deadLetter.reason).isEqualTo(DeadLetter.Reason.UNREADABLE);
        assertThat(latin1.deadLetter.raw).isEqualTo("{\"\uFFFD\"}");
    }

    @Test
    void aBrokenRecordIsADeadLetterWithTheReadersReason() {
        DeadLetter version2 =
                read("{\"schema\":\"chat_event\",\"version\":2}".getBytes(StandardCharsets.UTF_8)).deadLetter;
        assertThat(version2.error).isEqualTo("version 2 of chat_event is not supported (only 1)");
        assertThat(version2.reason).isEqualTo(DeadLetter.Reason.UNSUPPORTED_SCHEMA);
        assertThat(read("[1,2]".getBytes(StandardCharsets.UTF_8)).deadLetter.error)
                .isEqualTo("record must be a JSON object");
    }
}
