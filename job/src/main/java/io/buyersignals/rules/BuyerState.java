package io.buyersignals.rules;

import io.buyersignals.model.CheckoutRow;
import java.util.Arrays;

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
        return conversation == null
                && cart == null
                && endedConversations.length == 0
                && checkouts.length == 0
                && pending.isEmpty();
    }

    /** The latest applied version of the checkout; null if none is held. */
    CheckoutRow checkout(long id) {
        for (CheckoutRow row : checkouts) {
            if (row.id == id) {
                return row;
            }
        }
        return null;
    }

    /** Holds {@code row} as its checkout's latest version, in place of an earlier one. */
    void putCheckout(CheckoutRow row) {
        for (int i = 0; i < checkouts.length; i++) {
            if (checkouts[i].id == row.id) {
                checkouts[i] = row;
                return;
            }
        }
        checkouts = Arrays.copyOf(checkouts, checkouts.length + 1);
        checkouts[checkouts.length - 1] = row;
    }

    void removeCheckout(long id) {
        checkouts = Arrays.stream(checkouts).filter(row -> row.id != id).toArray(CheckoutRow[]::new);
    }

    /** Keeps the checkouts updated after {@code time}. */
    void removeCheckoutsUpdatedUpTo(long time) {
        if (checkouts.length > 0) {
            checkouts =
                    Arrays.stream(checkouts).filter(row -> row.updatedAt > time).toArray(CheckoutRow[]::new);
        }
    }

    /** Ends the active conversation at {@code at} and remembers that it ended. */
    void endConversation(long at) {
        remember(new EndedConversation(conversation.conversationId, at));
        conversation = null;
    }

    void remember(EndedConversation ended) {
        endedConversations = Arrays.copyOf(endedConversations, endedConversations.length + 1);
        endedConversations[endedConversations.length - 1] = ended;
    }

    boolean hasEnded(String conversationId) {
        for (EndedConversation ended : endedConversations) {
            if (ended.conversationId.equals(conversationId)) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the ended conversations that ended after {@code time}. */
    void forgetConversationsEndedUpTo(long time) {
        if (endedConversations.length > 0) {
            endedConversations = Arrays.stream(endedConversations)
                    .filter(ended -> ended.endedAt > time)
                    .toArray(EndedConversation[]::new);
        }
    }
}
