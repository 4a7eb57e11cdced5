package io.buyersignals.rules;

import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ContextOrder;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.ExperimentArm;
import io.buyersignals.model.ShopRow;

/**
 * What the shops table decides, with the table as it is when a record passes: rule 9 before any buyer state is
 * touched, and on the way out the experiment's arms (rule 14) and the orders' admin links.
 */
public final class ShopPolicy {
    private ShopPolicy() {}

    /** Fails open: the shops table may lag behind the events at start-up, so an unknown shop is admitted. */
    public static boolean admits(ShopRow shopOrNull) {
        return shopOrNull == null || shopOrNull.inboxEnabled;
    }

    /**
     * Rule 14: whether the merchant is shown the buyer (signals, context, alerts). Control shops are not; their
     * buyers' timelines run all the same, so that their conversations' outcomes are measured alike.
     */
    public static boolean shows(ShopRow shopOrNull) {
        return shopOrNull == null || shopOrNull.experimentArm != ExperimentArm.CONTROL;
    }

    /** Rule 14: an outcome carries its shop's arm; a control shop's conversation received no signals. */
    public static void measure(ConversationOutcome outcome, ShopRow shopOrNull) {
        outcome.arm = shopOrNull == null ? null : shopOrNull.experimentArm;
        if (!shows(shopOrNull)) {
            outcome.cartUpdatedSignals = 0;
            outcome.checkoutStartedSignals = 0;
            outcome.orderCompletedSignals = 0;
        }
    }

    /** The order's page in the shop admin; null while the shop is unknown. */
    public static String adminUrl(ShopRow shopOrNull, long orderId) {
        return shopOrNull == null ? null : "https://" + shopOrNull.domain + "/admin/orders/" + orderId;
    }

    /** Links a context's orders to the shop admin, with the shop's domain at the time the context leaves. */
    public static void linkOrders(ConversationContext context, ShopRow shopOrNull) {
        for (ContextOrder order : context.orders) {
            order.adminUrl = adminUrl(shopOrNull, order.orderId);
        }
    }

    /** Links an order signal to the shop admin, with the shop's domain at the time the signal leaves. */
    public static void linkOrder(BuyerSignal signal, ShopRow shopOrNull) {
        if (signal.order != null) {
            signal.order.adminUrl = adminUrl(shopOrNull, signal.order.orderId);
        }
    }
}
