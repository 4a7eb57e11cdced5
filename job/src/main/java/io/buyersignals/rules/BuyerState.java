package io.buyersignals.rules;

import io.buyersignals.model.CheckoutRow;

/** Everything remembered about one buyer. Arrays, not lists: Flink 1.20 serializes lists with Kryo. */
public class BuyerState {
    public ConversationState conversation;
    public EndedConversation[] endedConversations = new EndedConversation[0];
    public CartState cart;
    /** Latest applied version of each checkout row. */
    public CheckoutRow[] checkouts = new CheckoutRow[0];
    /** Inputs whose event time the watermark has not passed yet, applied in event-time order when it does. */
    public EventBatch pending = new EventBatch();
    /**
     * Owned by the Flink function: the timers it registered, or {@link Long#MAX_VALUE} for none. The lifecycle timer
     * is at or before the next deadline; the flush timer at or after the earliest pending input.
     */
    public long lifecycleTimer = Long.MAX_VALUE;
    public long flushTimer = Long.MAX_VALUE;

    public BuyerState() {}

    public boolean holdsNothing() {
        return conversation == null && cart == null && endedConversations.length == 0 && checkouts.length == 0
                && pending.isEmpty();
    }
}
