package io.buyersignals.rules;

import io.buyersignals.model.CheckoutRow;

/** Everything remembered about one buyer. Arrays, not lists: Flink 1.20 serializes lists with Kryo. */
public class BuyerState {
    public ConversationState conversation;
    public EndedConversation[] endedConversations = new EndedConversation[0];
    public CartState cart;
    /** Latest applied version of each checkout row. */
    public CheckoutRow[] checkouts = new CheckoutRow[0];
    /** Owned by the Flink function: the lifecycle timer it registered, or {@link Long#MAX_VALUE} for none. */
    public long lifecycleTimer = Long.MAX_VALUE;

    public BuyerState() {}

    public boolean holdsNothing() {
        return conversation == null && cart == null && endedConversations.length == 0 && checkouts.length == 0;
    }
}
