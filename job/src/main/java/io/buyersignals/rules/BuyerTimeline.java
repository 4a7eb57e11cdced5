package io.buyersignals.rules;

import io.buyersignals.model.AlertResolution;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.ChatEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.EndReason;
import io.buyersignals.model.Timing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The rules of one buyer's timeline (rules 1–8 and 10–13 of the contract), free of Flink. Inputs are {@link #receive received}
 * with the watermark: one ahead of it waits in {@link BuyerState#pending}, one behind it is applied at once. The
 * caller feeds event time forward with {@link #advanceTo}, wakes the buyer up for the pending inputs and
 * {@link #nextDeadline(BuyerState)}, and drops the state once {@link BuyerState#holdsNothing}.
 */
public final class BuyerTimeline {
    public static final long DAY = 86_400_000L;
    public static final long CONVERSATION_LIFE = 7 * DAY;
    public static final long LOOKBACK = 14 * DAY;
    public static final long CART_RETENTION = 14 * DAY;
    public static final long CHECKOUT_RETENTION = 14 * DAY;
    /** Long enough that re-delivered chat events for the conversation are recognised; ends within 14 days of start. */
    public static final long ENDED_CONVERSATION_MEMORY = 7 * DAY;

    public static final int PRE_CONVERSATION_ORDERS = 5;
    /** Rule 12's default: how long a buyer at checkout may wait for a reply before the merchant is alerted. */
    public static final long DEFAULT_REPLY_WAIT = 5 * 60_000L;

    private final BuyerKey buyer;
    private final BuyerState state;
    private final TimelineOutput out;
    private final long replyWait;
    /** The event time the timeline has reached: the time being advanced to, or the watermark for a late input. */
    private long now;
    /** Rules 10–13: what the inbox is told, at the end of each step. */
    private final InboxRules inbox;

    public BuyerTimeline(BuyerKey buyer, BuyerState state, TimelineOutput out, long replyWait) {
        this.buyer = buyer;
        this.state = state;
        this.out = out;
        this.replyWait = replyWait;
        this.inbox = new InboxRules(buyer, state, out, replyWait);
    }

    /** Rule 6 for a checkout row version; true if it arrived behind the watermark and was applied at once. */
    public boolean receive(CheckoutRow row, long watermark) {
        return receive(row.updatedAt, watermark, () -> state.pending.add(row), () -> apply(row));
    }

    /** Rule 6 for a cart snapshot or chat event; true if it arrived behind the watermark and was applied at once. */
    public boolean receive(BuyerEvent event, long watermark) {
        return receive(event.occurredAt, watermark, () -> state.pending.add(event), () -> apply(event));
    }

    /** Ahead of the watermark, an input waits for it; behind it, it is applied at once, after everything up to it. */
    private boolean receive(long time, long watermark, Runnable waitForWatermark, Runnable apply) {
        if (time > watermark) {
            waitForWatermark.run();
            return false;
        }
        advanceTo(watermark);
        now = watermark;
        apply.run();
        expireData();
        inbox.finishStep(now);
        return true;
    }

    /**
     * Everything that happens at {@code time}: a conversation whose life is over ends first (it is live on
     * {@code [start, end)}), then the inputs of that time are applied in rule-6 order, then data whose retention ran
     * out is dropped (after, so a conversation starting exactly 14 days after a change still sees it).
     */
    public void advance(long time, EventBatch inputsAtTime) {
        now = time;
        endConversationIfOver();
        if (inputsAtTime != null) {
            inputsAtTime.applyInOrder(this);
        }
        expireData();
        inbox.finishStep(now);
    }

    /**
     * Everything up to and including {@code time}, in event-time order: each pending input's time and each deadline
     * is {@link #advance advanced} to in turn.
     */
    public void advanceTo(long time) {
        for (long next = nextTime(state, replyWait);
                next <= time && next != Long.MAX_VALUE;
                next = nextTime(state, replyWait)) {
            advance(next, state.pending.takeAt(next));
        }
    }

    /** The earliest event time {@link #advanceTo} has something to do at; {@link Long#MAX_VALUE} if none. */
    public static long nextTime(BuyerState state, long replyWait) {
        return Math.min(state.pending.earliestTime(), nextDeadline(state, replyWait));
    }

    /** The earliest event time at which something in the state ends or expires; {@link Long#MAX_VALUE} if none. */
    public static long nextDeadline(BuyerState state, long replyWait) {
        long next = Long.MAX_VALUE;
        ConversationState conversation = state.conversation;
        if (conversation != null) {
            next = Math.min(conversation.endsAt, InboxRules.alertDue(state, replyWait));
        }
        if (state.cart != null) {
            next = Math.min(next, state.cart.changedAt + CART_RETENTION);
        }
        for (CheckoutRow row : state.checkouts) {
            next = Math.min(next, row.updatedAt + CHECKOUT_RETENTION);
        }
        for (EndedConversation ended : state.endedConversations) {
            next = Math.min(next, ended.endedAt + ENDED_CONVERSATION_MEMORY);
        }
        return next;
    }

    void apply(BuyerEvent event) {
        switch (event.kind) {
            case CHAT -> applyChat(event.chat, event.occurredAt);
            case CART -> applyCart(event.cart, event.occurredAt, event.eventId);
            case CHECKOUT -> throw new IllegalArgumentException("Checkouts arrive as rows, never as events");
        }
    }

    // ---- Rule 1: conversation life ------------------------------------------------------------------------------

    private void applyChat(ChatEvent chat, long time) {
        ConversationState current = state.conversation;
        if (current != null && current.conversationId.equals(chat.conversationId)) {
            switch (chat.type) {
                case CONVERSATION_CLOSED -> endConversation(Math.max(time, current.startedAt), EndReason.CLOSED);
                case BUYER_MESSAGE -> inbox.changedIf(current.buyerMessage(time));
                case MERCHANT_MESSAGE -> inbox.merchantMessage(current, time, now);
                case CONVERSATION_STARTED -> {}
            }
            return;
        }
        if (state.hasEnded(chat.conversationId)) {
            out.dropped(DropReason.ENDED_CONVERSATION);
            return;
        }
        if (chat.type == ChatType.CONVERSATION_CLOSED) {
            // Closed before we saw it live: remember it, so its late messages do not open it.
            state.remember(new EndedConversation(chat.conversationId, time));
            return;
        }
        if (current != null && current.startedAt > time) {
            // A late event of a conversation that the (later) current one had already ended.
            out.dropped(DropReason.ENDED_CONVERSATION);
            return;
        }
        if (time + CONVERSATION_LIFE <= now) {
            out.dropped(DropReason.TOO_LATE);
            return;
        }
        if (current != null) {
            endConversation(time, EndReason.REPLACED);
        }
        startConversation(chat.conversationId, time);
        if (chat.type == ChatType.BUYER_MESSAGE) {
            state.conversation.buyerMessage(time);
        } else if (chat.type == ChatType.MERCHANT_MESSAGE) {
            state.conversation.merchantMessage(time);
        }
    }

    private void endConversationIfOver() {
        ConversationState current = state.conversation;
        if (current != null && current.endsAt <= now) {
            endConversation(current.endsAt, EndReason.EXPIRED);
        }
    }

    private void endConversation(long at, EndReason reason) {
        inbox.ended(state.conversation, at, reason, now);
        state.endConversation(at);
    }

    // ---- Rule 2: the pre-conversation context -------------------------------------------------------------------

    private void startConversation(String conversationId, long start) {
        ConversationState conversation = new ConversationState(conversationId, start, start + CONVERSATION_LIFE);
        state.conversation = conversation;
        inbox.changed();
        long windowStart = start - LOOKBACK;
        List<BuyerSignal> context = new ArrayList<>();

        CartState cart = state.cart;
        if (cart != null && cart.lineItems.length > 0 && cart.changedAt >= windowStart && cart.changedAt < start) {
            context.add(Signals.cart(
                    buyer,
                    conversationId,
                    Timing.PRE_CONVERSATION,
                    cart,
                    cart.changeActions,
                    cart.changedAt,
                    cart.changeEventId));
        }
        CheckoutRow latestOpen = null;
        List<CheckoutRow> orders = new ArrayList<>();
        for (CheckoutRow row : state.checkouts) {
            if (!row.isCompleted()
                    && row.createdAt >= windowStart
                    && row.createdAt < start
                    && (latestOpen == null
                            || row.createdAt > latestOpen.createdAt
                            || (row.createdAt == latestOpen.createdAt && row.id > latestOpen.id))) {
                latestOpen = row;
            }
            if (row.hasOrder() && row.completedAt >= windowStart && row.completedAt < start) {
                orders.add(row);
            }
        }
        if (latestOpen != null && conversation.firstCheckout(latestOpen.id)) {
            context.add(Signals.checkoutStarted(buyer, conversationId, Timing.PRE_CONVERSATION, latestOpen));
        }
        orders.sort(Comparator.comparingLong((CheckoutRow r) -> r.completedAt).thenComparingLong(r -> r.orderId));
        for (CheckoutRow row : orders.subList(Math.max(0, orders.size() - PRE_CONVERSATION_ORDERS), orders.size())) {
            if (conversation.firstOrder(row.orderId)) {
                context.add(Signals.orderCompleted(buyer, conversationId, Timing.PRE_CONVERSATION, row));
            }
        }
        // Merchants read the context as a timeline: oldest first.
        context.sort(Comparator.comparingLong((BuyerSignal s) -> s.occurredAt).thenComparing(s -> s.type));
        context.forEach(signal -> send(conversation, signal));
        conversation.stageAtStart = Contexts.stage(state);
    }

    /** A signal to the conversation, counted for its outcome. */
    private void send(ConversationState conversation, BuyerSignal signal) {
        conversation.sent(signal.type);
        out.emit(signal);
    }

    // ---- Rules 3–5: the cart ------------------------------------------------------------------------------------

    private void applyCart(CartSnapshot snapshot, long time, String eventId) {
        CartState cart = state.cart;
        if (cart != null) {
            int order = cart.compareWithApplied(time, eventId);
            if (order <= 0) {
                out.dropped(order == 0 ? DropReason.DUPLICATE : DropReason.STALE);
                return;
            }
        }
        if (completedCheckoutSupersedes(snapshot.cartToken, time)) {
            out.dropped(DropReason.STALE);
            return;
        }
        CartAction[] actions = CartDiff.between(cart, snapshot);
        if (cart == null) {
            if (actions.length == 0) {
                return; // an empty cart we knew nothing about: nothing to remember
            }
            cart = new CartState();
            state.cart = cart;
        }
        cart.apply(snapshot, time, eventId);
        inbox.changed();
        if (actions.length == 0) {
            return;
        }
        cart.changed(time, eventId, actions);
        ConversationState conversation = state.conversation;
        if (conversation != null && conversation.isActiveAt(time)) {
            send(
                    conversation,
                    Signals.cart(
                            buyer,
                            conversation.conversationId,
                            Timing.POST_CONVERSATION,
                            cart,
                            actions,
                            time,
                            eventId));
        }
    }

    private boolean completedCheckoutSupersedes(String cartToken, long time) {
        for (CheckoutRow row : state.checkouts) {
            if (row.isCompleted() && Objects.equals(row.cartToken, cartToken) && time <= row.completedAt) {
                return true;
            }
        }
        return false;
    }

    // ---- Rules 3 and 5: checkouts and orders --------------------------------------------------------------------

    void apply(CheckoutRow row) {
        CheckoutRow previous = state.checkout(row.id);
        if (row.deleted) {
            state.removeCheckout(row.id);
            inbox.changedIf(previous != null);
            return;
        }
        if (previous != null && row.updatedAt <= previous.updatedAt) {
            out.dropped(row.updatedAt == previous.updatedAt ? DropReason.DUPLICATE : DropReason.STALE);
            return;
        }
        state.putCheckout(row);
        inbox.changed();
        if (row.isCompleted() && (previous == null || !previous.isCompleted())) {
            clearCartCompletedBy(row);
        }
        ConversationState conversation = state.conversation;
        if (conversation == null || !conversation.isActiveAt(row.updatedAt)) {
            return;
        }
        if (row.hasOrder() && (previous == null || !previous.hasOrder())) {
            inbox.resolveAlert(conversation, AlertResolution.ORDERED, now);
            if (row.completedAt >= conversation.startedAt) {
                conversation.ordered(Signals.money(row.totalPrice), row.currency);
            }
        }
        String conversationId = conversation.conversationId;
        // Rule 7: nothing twice to one conversation.
        if (previous == null && !row.isCompleted() && conversation.firstCheckout(row.id)) {
            send(conversation, Signals.checkoutStarted(buyer, conversationId, Timing.POST_CONVERSATION, row));
        }
        if (row.hasOrder() && (previous == null || !previous.hasOrder()) && conversation.firstOrder(row.orderId)) {
            send(conversation, Signals.orderCompleted(buyer, conversationId, Timing.POST_CONVERSATION, row));
        }
    }

    /** Rule 5: the order was placed from the buyer's cart, unless the buyer already moved on to another cart. */
    private void clearCartCompletedBy(CheckoutRow row) {
        CartState cart = state.cart;
        if (cart != null && (Objects.equals(cart.cartToken, row.cartToken) || cart.changedAt <= row.completedAt)) {
            state.cart = null;
        }
    }

    // ---- Rule 8: state lifecycle --------------------------------------------------------------------------------

    private void expireData() {
        if (state.cart != null && state.cart.changedAt + CART_RETENTION <= now) {
            state.cart = null;
            inbox.changed();
        }
        int checkouts = state.checkouts.length;
        state.removeCheckoutsUpdatedUpTo(now - CHECKOUT_RETENTION);
        inbox.changedIf(state.checkouts.length != checkouts);
        state.forgetConversationsEndedUpTo(now - ENDED_CONVERSATION_MEMORY);
    }
}
