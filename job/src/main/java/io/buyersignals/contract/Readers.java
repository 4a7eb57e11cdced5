package io.buyersignals.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.ChatEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.LineItem;
import io.buyersignals.model.ShopRow;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/** The readers of the four input documents of the contract (see the JSON Schemas in resources/schemas). */
public final class Readers {
    public static final int MAX_LINE_ITEMS = 500;
    public static final int MAX_QUANTITY = 100_000;
    private static final int MAX_TOKEN = 64;
    private static final int MAX_ID = 128;
    private static final int MAX_TITLE = 1024;

    public static final RecordReader<BuyerEvent> CART_SNAPSHOT = Readers::cartSnapshot;
    public static final RecordReader<BuyerEvent> CHAT_EVENT = Readers::chatEvent;
    public static final RecordReader<CheckoutRow> CHECKOUT_ROW = Readers::checkoutRow;
    public static final RecordReader<ShopRow> SHOP_ROW = Readers::shopRow;

    private Readers() {}

    private static Fields envelope(JsonNode root, String schema) throws BadInput {
        Fields f = new Fields(root, "");
        String actual = f.text("schema", MAX_ID);
        if (!actual.equals(schema)) {
            throw new BadInput(DeadLetter.Reason.UNSUPPORTED_SCHEMA, "schema must be " + schema + ", not " + actual);
        }
        int version = f.integer("version", 1, Integer.MAX_VALUE);
        if (version != 1) {
            throw new BadInput(
                    DeadLetter.Reason.UNSUPPORTED_SCHEMA,
                    "version " + version + " of " + schema + " is not supported (only 1)");
        }
        return f;
    }

    static BuyerEvent cartSnapshot(JsonNode root) throws BadInput {
        Fields f = envelope(root, "cart_snapshot");
        String eventId = f.text("event_id", MAX_ID);
        long shopId = f.id("shop_id");
        String buyerToken = f.text("buyer_token", MAX_TOKEN);
        String cartToken = f.text("cart_token", MAX_TOKEN);
        long occurredAt = f.timestamp("occurred_at");
        String currency = f.currency("currency");
        JsonNode items = f.array("line_items", MAX_LINE_ITEMS);
        LineItem[] lineItems = new LineItem[items.size()];
        for (int i = 0; i < lineItems.length; i++) {
            Fields item = f.element(items, i, "line_items");
            lineItems[i] = new LineItem(
                    item.id("variant_id"),
                    item.id("product_id"),
                    item.text("title", MAX_TITLE),
                    item.integer("quantity", 1, MAX_QUANTITY),
                    item.money("unit_price"));
        }
        Arrays.sort(lineItems, Comparator.comparingLong(item -> item.variantId));
        for (int i = 1; i < lineItems.length; i++) {
            if (lineItems[i].variantId == lineItems[i - 1].variantId) {
                throw new BadInput("line_items lists variant_id " + lineItems[i].variantId + " more than once");
            }
        }
        return BuyerEvent.cart(
                eventId, shopId, buyerToken, occurredAt, new CartSnapshot(cartToken, currency, lineItems));
    }

    static BuyerEvent chatEvent(JsonNode root) throws BadInput {
        Fields f = envelope(root, "chat_event");
        String eventId = f.text("event_id", MAX_ID);
        long shopId = f.id("shop_id");
        String buyerToken = f.text("buyer_token", MAX_TOKEN);
        String conversationId = f.text("conversation_id", MAX_ID);
        String typeName = f.text("type", MAX_ID);
        ChatType type;
        try {
            type = ChatType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInput("type must be one of conversation_started, buyer_message, merchant_message,"
                    + " conversation_closed");
        }
        if (!type.wireName().equals(typeName)) {
            throw new BadInput("type must be lower case");
        }
        String channel = f.optionalText("channel", MAX_TOKEN);
        long occurredAt = f.timestamp("occurred_at");
        return BuyerEvent.chat(eventId, shopId, buyerToken, occurredAt, new ChatEvent(conversationId, type, channel));
    }

    static CheckoutRow checkoutRow(JsonNode root) throws BadInput {
        return CheckoutRows.read(new Fields(root, ""));
    }

    static ShopRow shopRow(JsonNode root) throws BadInput {
        return ShopRows.read(new Fields(root, ""));
    }
}
