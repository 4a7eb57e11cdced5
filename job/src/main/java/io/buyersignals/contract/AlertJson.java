package io.buyersignals.contract;

import io.buyersignals.model.BuyerAlert;

/** Writes alerts, fields in the order of their schema. */
public final class AlertJson {
    public static final String SCHEMA = "buyer_alert";
    public static final int VERSION = 1;

    private AlertJson() {}

    public static String write(BuyerAlert a) {
        return Json.render(g -> {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeNumberField("version", VERSION);
            g.writeStringField("event_id", a.eventId);
            g.writeStringField("alert_id", a.alertId);
            g.writeStringField("alert", BuyerAlert.WAITING_AT_CHECKOUT);
            g.writeStringField("status", a.status.wireName());
            g.writeStringField("resolution", a.resolution == null ? null : a.resolution.wireName());
            g.writeNumberField("shop_id", a.shopId);
            g.writeStringField("buyer_token", a.buyerToken);
            g.writeStringField("conversation_id", a.conversationId);
            g.writeStringField("occurred_at", Json.timestamp(a.occurredAt));
            g.writeStringField("waiting_since", Json.timestamp(a.waitingSince));
            g.writeNumberField("checkout_id", a.checkoutId);
            g.writeStringField(
                    "checkout_total_price", a.checkoutTotalPrice == null ? null : a.checkoutTotalPrice.toPlainString());
            g.writeStringField("currency", a.currency);
            g.writeEndObject();
        });
    }
}
