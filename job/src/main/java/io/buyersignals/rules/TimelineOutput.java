package io.buyersignals.rules;

import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;

/** Where the rules send their results; the Flink function forwards to its collector, side outputs and metrics. */
public interface TimelineOutput {
    void emit(BuyerSignal signal);

    void dropped(DropReason reason);

    /** A conversation's context changed, or (a tombstone) the conversation ended. */
    default void context(ConversationContext context) {}

    default void alert(BuyerAlert alert) {}

    /** A conversation ended: what became of it. */
    default void outcome(ConversationOutcome outcome) {}
}
