package io.buyersignals.rules;

import io.buyersignals.model.BuyerAlert;
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

    /** A signal as it leaves: its order linked to the shop admin; false if it is withheld (rule 14). */
    public static boolean leaves(BuyerSignal signal, ShopRow shopOrNull) {
        if (signal.order != null) {
            signal.order.adminUrl = adminUrl(shopOrNull, signal.order.orderId);
        }
        return shows(shopOrNull);
    }

    /** A context record as it leaves: its orders linked to the shop admin; false if it is withheld (rule 14). */
    public static boolean leaves(ConversationContext context, ShopRow shopOrNull) {
        for (ContextOrder order : context.orders) {
            order.adminUrl = adminUrl(shopOrNull, order.orderId);
        }
        return shows(shopOrNull);
    }

    /** An alert as it leaves; false if it is withheld (rule 14). */
    public static boolean leaves(BuyerAlert alert, ShopRow shopOrNull) {
        return shows(shopOrNull);
    }

    /** An outcome always leaves, with its shop's arm; a control shop's conversation received no signals. */
    public static boolean leaves(ConversationOutcome outcome, ShopRow shopOrNull) {
        outcome.arm = shopOrNull == null ? null : shopOrNull.experimentArm;
        if (!shows(shopOrNull)) {
            outcome.cartUpdatedSignals = 0;
            outcome.checkoutStartedSignals = 0;
            outcome.orderCompletedSignals = 0;
        }
        return true;
    }

    /** The order's page in the shop admin; null while the shop is unknown. */
    public static String adminUrl(ShopRow shopOrNull, long orderId) {
        return shopOrNull == null ? null : "https://" + shopOrNull.domain + "/admin/orders/" + orderId;
    }
}
