package io.buyersignals.contract;

import io.buyersignals.model.ConversationOutcome;

/** Writes conversation outcomes, fields in the order of their schema. */
public final class OutcomeJson {
    public static final String SCHEMA = "conversation_outcome";
    public static final int VERSION = 1;

    private OutcomeJson() {}

    public static String write(ConversationOutcome o) {
        return Json.render(g -> {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeNumberField("version", VERSION);
            g.writeStringField("conversation_id", o.conversationId);
            g.writeNumberField("shop_id", o.shopId);
            g.writeStringField("buyer_token", o.buyerToken);
            g.writeStringField("arm", o.arm == null ? null : o.arm.wireName());
            g.writeStringField("started_at", Json.timestamp(o.startedAt));
            g.writeStringField("ended_at", Json.timestamp(o.endedAt));
            g.writeStringField("end_reason", o.endReason.wireName());
            g.writeStringField("stage_at_start", o.stageAtStart.wireName());
            g.writeStringField(
                    "first_buyer_message_at",
                    o.firstBuyerMessageAt == null ? null : Json.timestamp(o.firstBuyerMessageAt));
            g.writeStringField("first_reply_at", o.firstReplyAt == null ? null : Json.timestamp(o.firstReplyAt));
            g.writeBooleanField("replied", o.firstReplyAt != null);
            g.writeFieldName("response_time_ms");
            if (o.firstReplyAt == null) {
                g.writeNull();
            } else {
                g.writeNumber(o.firstReplyAt - o.firstBuyerMessageAt);
            }
            g.writeObjectFieldStart("signals");
            g.writeNumberField("cart_updated", o.cartUpdatedSignals);
            g.writeNumberField("checkout_started", o.checkoutStartedSignals);
            g.writeNumberField("order_completed", o.orderCompletedSignals);
            g.writeEndObject();
            g.writeBooleanField("converted", o.orders > 0);
            g.writeNumberField("orders", o.orders);
            g.writeStringField("revenue", o.revenue.toPlainString());
            g.writeStringField("currency", o.currency);
            g.writeEndObject();
        });
    }
}
