package io.buyersignals.rules;

import io.buyersignals.model.AlertResolution;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.EndReason;

/**
 * Rules 10–13 for one step of a buyer's timeline: what the inbox is told about the live conversation. The timeline
 * says when something the context shows may have {@link #changed}; at the step's end an alert that is due is raised
 * and the context is written if it differs from the last one written.
 */
final class InboxRules {
    private final BuyerKey buyer;
    private final BuyerState state;
    private final TimelineOutput out;
    private final long replyWait;
    private boolean changed;

    InboxRules(BuyerKey buyer, BuyerState state, TimelineOutput out, long replyWait) {
        this.buyer = buyer;
        this.state = state;
        this.out = out;
        this.replyWait = replyWait;
    }

    /** Rule 12's deadline: when the waiting buyer at checkout is due an alert; {@link Long#MAX_VALUE} if none. */
    static long alertDue(BuyerState state, long replyWait) {
        ConversationState conversation = state.conversation;
        return conversation != null && conversation.waitingUnalerted() && Contexts.openCheckout(state) != null
                ? conversation.waitingSince() + replyWait
                : Long.MAX_VALUE;
    }

    /** Something the context shows may have changed in this step. */
    void changed() {
        changed = true;
    }

    void changedIf(boolean condition) {
        changed |= condition;
    }

    /** A merchant message at {@code time}: it answers the waiting buyer, and ends the alert, if it replies. */
    void merchantMessage(ConversationState conversation, long time, long now) {
        if (conversation.merchantMessage(time)) {
            resolveAlert(conversation, AlertResolution.ANSWERED, now);
            changed = true;
        }
    }

    void resolveAlert(ConversationState conversation, AlertResolution why, long now) {
        if (conversation.alertOpen) {
            conversation.alertOpen = false;
            out.alert(Alerts.resolved(buyer, conversation, why, now));
            changed = true;
        }
    }

    /** The conversation ends at {@code at}: its alert is over, its key gets a tombstone, its outcome is written. */
    void ended(ConversationState conversation, long at, EndReason reason, long now) {
        resolveAlert(conversation, AlertResolution.CONVERSATION_ENDED, now);
        out.context(Contexts.ended(buyer, conversation, now));
        out.outcome(Outcomes.of(buyer, conversation, at, reason));
        changed = false;
    }

    /** The end of a step at {@code now}: an alert that is due is raised, then the context, if it changed, is written. */
    void finishStep(long now) {
        ConversationState conversation = state.conversation;
        if (conversation == null) {
            changed = false;
            return;
        }
        raiseAlertIfDue(conversation, now);
        if (!changed) {
            return;
        }
        changed = false;
        ConversationContext context = Contexts.of(buyer, state, now);
        long digest = Contexts.digest(context);
        if (conversation.contextSequence == 0 || digest != conversation.contextDigest) {
            conversation.contextDigest = digest;
            context.sequence = ++conversation.contextSequence;
            out.context(context);
        }
    }

    /** Rule 12: a buyer with an open checkout has waited {@code replyWait} for a reply; once per waiting episode. */
    private void raiseAlertIfDue(ConversationState conversation, long now) {
        if (!conversation.waitingUnalerted() || now < conversation.waitingSince() + replyWait) {
            return;
        }
        CheckoutRow open = Contexts.openCheckout(state);
        if (open == null) {
            return;
        }
        conversation.alertedSince = conversation.waitingSince();
        conversation.alertOpen = true;
        conversation.alertCheckoutId = open.id;
        out.alert(Alerts.raised(buyer, conversation, open, now));
        changed = true;
    }
}
