package io.buyersignals.rules;

import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.EndReason;
import io.buyersignals.model.SignalType;

/** Rule 13: what became of a conversation, from what it kept while it was live. */
final class Outcomes {
    private Outcomes() {}

    static ConversationOutcome of(BuyerKey buyer, ConversationState conversation, long endedAt, EndReason reason) {
        ConversationOutcome o = new ConversationOutcome();
        o.conversationId = conversation.conversationId;
        o.shopId = buyer.shopId;
        o.buyerToken = buyer.buyerToken;
        o.startedAt = conversation.startedAt;
        o.endedAt = endedAt;
        o.endReason = reason;
        o.stageAtStart = conversation.stageAtStart;
        o.firstBuyerMessageAt = time(conversation.firstBuyerMessageAt);
        o.firstReplyAt = time(conversation.firstReplyAt);
        o.cartUpdatedSignals = conversation.signalsSent[SignalType.CART_UPDATED.ordinal()];
        o.checkoutStartedSignals = conversation.signalsSent[SignalType.CHECKOUT_STARTED.ordinal()];
        o.orderCompletedSignals = conversation.signalsSent[SignalType.ORDER_COMPLETED.ordinal()];
        o.orders = conversation.orders;
        o.revenue = Signals.money(conversation.revenue);
        o.currency = conversation.currency;
        return o;
    }

    private static Long time(long time) {
        return time == ConversationState.NONE ? null : time;
    }
}
