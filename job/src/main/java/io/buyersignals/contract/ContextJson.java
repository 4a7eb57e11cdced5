package io.buyersignals.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import io.buyersignals.model.ContextCheckout;
import io.buyersignals.model.ContextOrder;
import io.buyersignals.model.ConversationContext;
import java.io.IOException;

/** Writes a conversation's context, fields in the order of its schema; a tombstone has no document. */
public final class ContextJson {
    public static final String SCHEMA = "buyer_context";
    public static final int VERSION = 1;

    private ContextJson() {}

    /** The record's value: null for a tombstone. */
    public static String write(ConversationContext c) {
        if (c.ended) {
            return null;
        }
        return Json.render(g -> {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeNumberField("version", VERSION);
            g.writeStringField("conversation_id", c.conversationId);
            g.writeNumberField("sequence", c.sequence);
            g.writeStringField("as_of", Json.timestamp(c.asOf));
            g.writeNumberField("shop_id", c.shopId);
            g.writeStringField("buyer_token", c.buyerToken);
            g.writeStringField("conversation_started_at", Json.timestamp(c.conversationStartedAt));
            g.writeStringField("stage", c.stage.wireName());
            g.writeNumberField("priority", c.priority);
            writeTime(g, "waiting_since", c.waitingSince);
            g.writeBooleanField("waiting_at_checkout_alert", c.waitingAtCheckoutAlert);
            g.writeFieldName("cart");
            SignalJson.writeCart(g, c.cart);
            writeTime(g, "cart_changed_at", c.cartChangedAt);
            g.writeFieldName("checkout");
            writeCheckout(g, c.checkout);
            g.writeArrayFieldStart("orders");
            for (ContextOrder order : c.orders) {
                writeOrder(g, order);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * A line of a file of contexts (the replay's): the record's value, or for a tombstone, which has none,
     * {@code {"conversation_id":"...","tombstone":true}}.
     */
    public static String line(ConversationContext c) {
        if (!c.ended) {
            return write(c);
        }
        return Json.render(g -> {
            g.writeStartObject();
            g.writeStringField("conversation_id", c.conversationId);
            g.writeBooleanField("tombstone", true);
            g.writeEndObject();
        });
    }

    private static void writeTime(JsonGenerator g, String field, Long time) throws IOException {
        if (time == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, Json.timestamp(time));
        }
    }

    private static void writeCheckout(JsonGenerator g, ContextCheckout c) throws IOException {
        if (c == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        SignalJson.writeCheckoutFields(g, c.checkoutId, c.cartToken, c.totalPrice, c.currency);
        g.writeStringField("started_at", Json.timestamp(c.startedAt));
        g.writeEndObject();
    }

    private static void writeOrder(JsonGenerator g, ContextOrder o) throws IOException {
        g.writeStartObject();
        SignalJson.writeOrderFields(g, o.orderId, o.orderNumber, o.totalPrice, o.currency);
        g.writeStringField("completed_at", Json.timestamp(o.completedAt));
        g.writeStringField("admin_url", o.adminUrl);
        g.writeEndObject();
    }
}
