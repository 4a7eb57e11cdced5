package io.buyersignals.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.EventKind;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadersTest {
    static final String CART = """
            {"schema":"cart_snapshot","version":1,"event_id":"e-1","shop_id":42,"buyer_token":"b-7","cart_token":"c-3",
            "occurred_at":"2026-11-22T10:15:30.123Z","currency":"USD","line_items":[
            {"variant_id":1002,"product_id":502,"title":"Socks","quantity":1,"unit_price":"9.5"},
            {"variant_id":1001,"product_id":501,"title":"Linen shirt","quantity":2,"unit_price":"39.00"}]}""";
    static final String CHAT = """
            {"schema":"chat_event","version":1,"event_id":"e-2","shop_id":42,"buyer_token":"b-7",
            "conversation_id":"conv-9","type":"conversation_started","channel":"online_store_chat",
            "occurred_at":"2026-11-22T10:15:31.000Z"}""";
    static final String CHECKOUT = """
            {"id":9,"shop_id":42,"buyer_token":"b-7","cart_token":null,"currency":"EUR","total_price":"78.00",
            "order_id":7,"order_number":"#1001","created_at":"2026-11-22T10:00:00.000Z",
            "updated_at":"2026-11-22T10:05:00.000Z","completed_at":"2026-11-22T10:04:00.000Z"}""";

    @Test
    void readsACartSnapshotWithLineItemsSortedByVariant() {
        BuyerEvent e = ok(Readers.CART_SNAPSHOT.parse(CART, "cart-events", 3, 17L));
        assertThat(e.kind).isEqualTo(EventKind.CART);
        assertThat(e.eventId).isEqualTo("e-1");
        assertThat(e.shopId).isEqualTo(42);
        assertThat(e.buyerToken).isEqualTo("b-7");
        assertThat(e.occurredAt)
                .isEqualTo(Instant.parse("2026-11-22T10:15:30.123Z").toEpochMilli());
        assertThat(e.cart.cartToken).isEqualTo("c-3");
        assertThat(e.cart.lineItems).extracting(i -> i.variantId).containsExactly(1001L, 1002L);
        assertThat(e.cart.lineItems[1].unitPrice).hasToString("9.5");
    }

    @Test
    void readsAChatEvent() {
        BuyerEvent e = ok(Readers.CHAT_EVENT.parse(CHAT, "chat-events", 0, 0L));
        assertThat(e.kind).isEqualTo(EventKind.CHAT);
        assertThat(e.chat.conversationId).isEqualTo("conv-9");
        assertThat(e.chat.type).isEqualTo(ChatType.CONVERSATION_STARTED);
    }

    @Test
    void readsACheckoutRowWithNulls() {
        CheckoutRow row = ok(Readers.CHECKOUT_ROW.parse(CHECKOUT, "checkouts", null, 1L));
        assertThat(row.cartToken).isNull();
        assertThat(row.orderId).isEqualTo(7L);
        assertThat(row.hasOrder()).isTrue();
        assertThat(row.totalPrice).hasToString("78.00");
    }

    @Test
    void readsAShopRow() {
        ShopRow shop = ok(Readers.SHOP_ROW.parse(
                "{\"id\":42,\"domain\":\"a.example\",\"inbox_enabled\":false}", "shops", null, 1L));
        assertThat(shop.inboxEnabled).isFalse();
        assertThat(shop.experimentArm).as("no column, no experiment").isNull();
    }

    @Test
    void readsAShopsExperimentArm() {
        ShopRow shop = ok(Readers.SHOP_ROW.parse(
                "{\"id\":42,\"domain\":\"a.example\",\"inbox_enabled\":true,\"experiment_arm\":\"control\"}",
                "shops",
                null,
                1L));
        assertThat(shop.experimentArm).isEqualTo(io.buyersignals.model.ExperimentArm.CONTROL);
        DeadLetter d = Readers.SHOP_ROW.parse(
                        "{\"id\":42,\"domain\":\"a.example\",\"inbox_enabled\":true,\"experiment_arm\":\"Control\"}",
                        "shops",
                        null,
                        1L)
                .deadLetter;
        assertThat(d.error).isEqualTo("experiment_arm must be control, treatment or null");
    }

    @Test
    void aDeadLetterKeepsWhereTheRecordCameFrom() {
        DeadLetter d = Readers.CART_SNAPSHOT.parse("{", "cart-events", 3, 17L).deadLetter;
        assertThat(d.source).isEqualTo("cart-events");
        assertThat(d.partition).isEqualTo(3);
        assertThat(d.offset).isEqualTo(17L);
        assertThat(d.raw).isEqualTo("{");
        assertThat(d.error).startsWith("record is not valid JSON");
    }

    @Test
    void aHugeRawRecordIsCutAt64KiB() {
        String huge = "x".repeat(200_000);
        DeadLetter d = Readers.CART_SNAPSHOT.parse(huge, "cart-events", 0, 0L).deadLetter;
        assertThat(d.raw).hasSize(DeadLetter.MAX_RAW_BYTES);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"version\":1,|version 2 of cart_snapshot is not supported (only 1)|\"version\":2,",
                "\"schema\":\"cart_snapshot\"|schema must be cart_snapshot, not chat_event|\"schema\":\"chat_event\"",
                "\"shop_id\":42|shop_id must be a positive integer|\"shop_id\":\"42\"",
                "\"shop_id\":42|shop_id must be a positive integer|\"shop_id\":-1",
                "\"event_id\":\"e-1\",|event_id is required|",
                "\"buyer_token\":\"b-7\"|buyer_token is required|\"buyer_token\":null",
                "\"quantity\":2|line_items[1].quantity must be an integer from 1 to 100000|\"quantity\":100001",
                "\"quantity\":2|line_items[1].quantity must be an integer from 1 to 100000|\"quantity\":2.5",
                "\"unit_price\":\"39.00\"|line_items[1].unit_price must be a non-negative decimal string with at most 10 integer and 4 fraction digits|\"unit_price\":39.00",
                "\"unit_price\":\"39.00\"|line_items[1].unit_price must be a non-negative decimal string with at most 10 integer and 4 fraction digits|\"unit_price\":\"-1\"",
                "\"unit_price\":\"39.00\"|line_items[1].unit_price must be a non-negative decimal string with at most 10 integer and 4 fraction digits|\"unit_price\":\"1e3\"",
                "\"variant_id\":1002|line_items lists variant_id 1001 more than once|\"variant_id\":1001",
                "\"currency\":\"USD\"|currency must be a three-letter upper-case ISO 4217 code|\"currency\":\"usd\"",
                "2026-11-22T10:15:30.123Z|occurred_at must be an ISO-8601 UTC timestamp like 2026-11-22T10:15:30.123Z|yesterday",
                "2026-11-22T10:15:30.123Z|occurred_at must be between 2000-01-01 and 2100-01-01|3000-01-01T00:00:00.000Z",
                "2026-11-22T10:15:30.123Z|occurred_at must be between 2000-01-01 and 2100-01-01|1970-01-01T00:00:00.000Z",
                "\"line_items\":[|line_items[0] must be an object|\"line_items\":[7,",
                "\"line_items\":[|record is not valid JSON: Duplicate field 'line_items'|\"line_items\":[],\"line_items\":[",
            })
    void aBrokenCartSnapshotIsADeadLetterNamingTheProblem(String replace, String error, String with) {
        String broken = CART.replace(replace, with == null ? "" : with);
        assertThat(broken).isNotEqualTo(CART);
        Parsed<BuyerEvent> parsed = Readers.CART_SNAPSHOT.parse(broken, "cart-events", 0, 0L);
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.deadLetter.error).isEqualTo(error);
    }

    @Test
    void anUnknownChatTypeIsADeadLetter() {
        Parsed<BuyerEvent> parsed =
                Readers.CHAT_EVENT.parse(CHAT.replace("conversation_started", "typing"), "chat-events", 0, 0L);
        assertThat(parsed.deadLetter.error)
                .isEqualTo(
                        "type must be one of conversation_started, buyer_message, merchant_message, conversation_closed");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"completed_at\":\"2026-11-22T10:04:00.000Z\"|completed_at precedes created_at|\"completed_at\":\"2026-11-22T09:00:00.000Z\"",
                "\"completed_at\":\"2026-11-22T10:04:00.000Z\"|completed_at is later than updated_at|\"completed_at\":\"2026-11-22T10:06:00.000Z\"",
                "\"updated_at\":\"2026-11-22T10:05:00.000Z\"|updated_at precedes created_at|\"updated_at\":\"2026-11-22T09:05:00.000Z\"",
                "\"total_price\":\"78.00\"|total_price must be a DECIMAL(12,2) from 0 to 9999999999.99|\"total_price\":\"78.001\"",
                "\"total_price\":\"78.00\"|total_price must be a non-negative decimal string with at most 10 integer and 4 fraction digits|\"total_price\":\"99999999999\"",
            })
    void anInconsistentCheckoutRowIsADeadLetter(String replace, String error, String with) {
        Parsed<CheckoutRow> parsed = Readers.CHECKOUT_ROW.parse(CHECKOUT.replace(replace, with), "checkouts", 0, 0L);
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.deadLetter.error).isEqualTo(error);
    }

    @Test
    void deeplyNestedJsonIsADeadLetterNotAStackOverflow() {
        String nested = "{\"a\":[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertThat(Readers.CHAT_EVENT.parse(nested, "chat-events", 0, 0L).deadLetter.error)
                .startsWith("record is not valid JSON");
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsADeadLetter() {
        assertThat(Readers.CHAT_EVENT.parse("[1,2]", "chat-events", 0, 0L).deadLetter.error)
                .isEqualTo("record must be a JSON object");
        assertThat(Readers.CHAT_EVENT.parse("", "chat-events", 0, 0L).deadLetter.error)
                .isEqualTo("record must be a JSON object");
    }

    private static <T> T ok(Parsed<T> parsed) {
        assertThat(parsed.deadLetter).as("dead letter").isNull();
        return parsed.value;
    }
}
