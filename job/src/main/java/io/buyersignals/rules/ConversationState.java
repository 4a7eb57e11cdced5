package io.buyersignals.rules;

import java.util.Arrays;

/** The buyer's active conversation: live on {@code [startedAt, endsAt)}. */
public class ConversationState {
    public String conversationId;
    public long startedAt;
    public long endsAt;
    /** What this conversation already received, so nothing is sent to it twice. */
    public long[] sentCheckoutIds = new long[0];

    public long[] sentOrderIds = new long[0];

    public ConversationState() {}

    ConversationState(String conversationId, long startedAt, long endsAt) {
        this.conversationId = conversationId;
        this.startedAt = startedAt;
        this.endsAt = endsAt;
    }

    boolean isActiveAt(long time) {
        return startedAt <= time && time < endsAt;
    }

    /** Records that the checkout goes to this conversation; false if it already went. */
    boolean firstCheckout(long checkoutId) {
        if (contains(sentCheckoutIds, checkoutId)) {
            return false;
        }
        sentCheckoutIds = append(sentCheckoutIds, checkoutId);
        return true;
    }

    /** Records that the order goes to this conversation; false if it already went. */
    boolean firstOrder(long orderId) {
        if (contains(sentOrderIds, orderId)) {
            return false;
        }
        sentOrderIds = append(sentOrderIds, orderId);
        return true;
    }

    private static boolean contains(long[] values, long value) {
        for (long v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static long[] append(long[] values, long value) {
        long[] all = Arrays.copyOf(values, values.length + 1);
        all[values.length] = value;
        return all;
    }
}
