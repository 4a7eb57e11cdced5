package io.buyersignals.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.LineItem;
import io.buyersignals.model.SignalCart;
import io.buyersignals.model.SignalCheckout;
import io.buyersignals.model.SignalOrder;
import java.io.IOException;
import java.math.BigDecimal;

/** Writes buyer signals with a fixed field order, so equal signals are equal bytes. */
public final class SignalJson {
    public static final String SCHEMA = "buyer_signal";
    public static final int VERSION = 1;

    private SignalJson() {}

    public static String write(BuyerSignal s) {
        return Json.render(g -> {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeNumberField("version", VERSION);
            g.writeStringField("signal_id", s.signalId);
            g.writeNumberField("shop_id", s.shopId);
            g.writeStringField("buyer_token", s.buyerToken);
            g.writeStringField("conversation_id", s.conversationId);
            g.writeStringField("type", s.type.wireName());
            g.writeStringField("timing", s.timing.wireName());
            g.writeStringField("occurred_at", Json.timestamp(s.occurredAt));
            g.writeFieldName("cart");
            writeCart(g, s.cart);
            g.writeFieldName("checkout");
            writeCheckout(g, s.checkout);
            g.writeFieldName("order");
            writeOrder(g, s.order);
            g.writeEndObject();
        });
    }

    static void writeCart(JsonGenerator g, SignalCart c) throws IOException {
        if (c == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("cart_token", c.cartToken);
        g.writeStringField("currency", c.currency);
        g.writeNumberField("item_count", c.itemCount);
        g.writeStringField("total_price", c.totalPrice.toPlainString());
        g.writeArrayFieldStart("line_items");
        for (LineItem item : c.lineItems) {
            g.writeStartObject();
            g.writeNumberField("variant_id", item.variantId);
            g.writeNumberField("product_id", item.productId);
            g.writeStringField("title", item.title);
            g.writeNumberField("quantity", item.quantity);
            g.writeStringField("unit_price", item.unitPrice.toPlainString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("actions");
        for (CartAction a : c.actions) {
            g.writeStartObject();
            g.writeStringField("action", a.action.wireName());
            g.writeNumberField("variant_id", a.variantId);
            g.writeNumberField("product_id", a.productId);
            g.writeStringField("title", a.title);
            g.writeNumberField("quantity_before", a.quantityBefore);
            g.writeNumberField("quantity_after", a.quantityAfter);
            g.writeStringField("unit_price", a.unitPrice.toPlainString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeCheckout(JsonGenerator g, SignalCheckout c) throws IOException {
        if (c == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        writeCheckoutFields(g, c.checkoutId, c.cartToken, c.totalPrice, c.currency);
        g.writeEndObject();
    }

    /** A checkout's fields, as signals and contexts both show it. */
    static void writeCheckoutFields(JsonGenerator g, long id, String cartToken, BigDecimal total, String currency)
            throws IOException {
        g.writeNumberField("checkout_id", id);
        g.writeStringField("cart_token", cartToken);
        g.writeStringField("total_price", total.toPlainString());
        g.writeStringField("currency", currency);
    }

    /** An order's fields before its link, as signals and contexts both show it. */
    static void writeOrderFields(JsonGenerator g, long id, String number, BigDecimal total, String currency)
            throws IOException {
        g.writeNumberField("order_id", id);
        g.writeStringField("order_number", number);
        g.writeStringField("total_price", total.toPlainString());
        g.writeStringField("currency", currency);
    }

    private static void writeOrder(JsonGenerator g, SignalOrder o) throws IOException {
        if (o == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        writeOrderFields(g, o.orderId, o.orderNumber, o.totalPrice, o.currency);
        g.writeStringField("admin_url", o.adminUrl);
        g.writeEndObject();
    }
}
