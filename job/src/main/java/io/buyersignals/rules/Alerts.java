package io.buyersignals.rules;

import io.buyersignals.model.AlertResolution;
import io.buyersignals.model.AlertStatus;
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.CheckoutRow;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Rule 12's records: a buyer at checkout waiting for a reply, and the end of that. */
final class Alerts {
    private Alerts() {}

    static BuyerAlert raised(BuyerKey buyer, ConversationState conversation, CheckoutRow checkout, long at) {
        BuyerAlert alert = base(buyer, conversation, AlertStatus.RAISED, at);
        alert.checkoutTotalPrice = Signals.money(checkout.totalPrice);
        alert.currency = checkout.currency;
        return alert;
    }

    static BuyerAlert resolved(BuyerKey buyer, ConversationState conversation, AlertResolution why, long at) {
        BuyerAlert alert = base(buyer, conversation, AlertStatus.RESOLVED, at);
        alert.resolution = why;
        return alert;
    }

    private static BuyerAlert base(BuyerKey buyer, ConversationState conversation, AlertStatus status, long at) {
        BuyerAlert alert = new BuyerAlert();
        alert.alertId = id(
                conversation.conversationId + "|" + BuyerAlert.WAITING_AT_CHECKOUT + "|" + conversation.alertedSince);
        alert.eventId = id(alert.alertId + "|" + status.wireName());
        alert.shopId = buyer.shopId;
        alert.buyerToken = buyer.buyerToken;
        alert.conversationId = conversation.conversationId;
        alert.status = status;
        alert.waitingSince = conversation.alertedSince;
        alert.checkoutId = conversation.alertCheckoutId;
        alert.occurredAt = at;
        return alert;
    }

    /** Name-based, like signal ids: a replay or a recovery gives the same ids. */
    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
