package io.buyersignals.rules;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.ChatEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.Timing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The rules of one buyer's timeline (rules 1–8 of the contract), free of Flink. The caller buffers inputs ahead of
 * the watermark in {@link BuyerState#pending} and feeds event time forward: {@link #advanceTo} when the watermark
 * passes a time, {@link #applyLate} for an input that arrived behind the watermark; it schedules wake-ups for the
 * pending inputs and {@link #nextDeadline(BuyerState)} and drops the state once {@link BuyerState#holdsNothing}.
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

    private final BuyerKey buyer;
    private final BuyerState state;
    private final TimelineOutput out;
    /** The event time the timeline has reached: the time being advanced to, or the watermark for a late input. */
    private long now;

    public BuyerTimeline(BuyerKey buyer, BuyerState state, TimelineOutput out) {
        this.buyer = buyer;
        this.state = state;
        this.out = out;
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
    }

    /**
     * Everything up to and including {@code time}, in event-time order: each pending input's time and each deadline
     * is {@link #advance advanced} to in turn.
     */
    public void advanceTo(long time) {
        for (long next = nextTime(state); next <= time && next != Long.MAX_VALUE; next = nextTime(state)) {
            advance(next, state.pending.takeAt(next));
        }
    }

    /**
     * An input whose time the watermark has already passed: applied now, against the state advanced to the
     * watermark (which has also ended a conversation whose life is over).
     */
    public void applyLate(BuyerEvent event, long watermark) {
        advanceTo(watermark);
        now = watermark;
        apply(event);
        expireData();
    }

    public void applyLate(CheckoutRow row, long watermark) {
        advanceTo(watermark);
        now = watermark;
        apply(row);
        expireData();
    }

    /** The earliest event time {@link #advanceTo} has something to do at; {@link Long#MAX_VALUE} if none. */
    public static long nextTime(BuyerState state) {
        return Math.min(state.pending.earliestTime(), nextDeadline(state));
    }

    /** The earliest event time at which something in the state ends or expires; {@link Long#MAX_VALUE} if none. */
    public static long nextDeadline(BuyerState state) {
        long next = Long.MAX_VALUE;
        if (state.conversation != null) {
            next = state.conversation.endsAt;
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
            if (chat.type == ChatType.CONVERSATION_CLOSED) {
                endConversation(Math.max(time, current.startedAt));
            }
            return;
        }
        if (hasEnded(chat.conversationId)) {
            out.dropped(DropReason.ENDED_CONVERSATION);
            return;
        }
        if (chat.type == ChatType.CONVERSATION_CLOSED) {
            // Closed before we saw it live: remember it, so its late messages do not open it.
            remember(new EndedConversation(chat.conversationId, time));
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
            endConversation(time);
        }
        startConversation(chat.conversationId, time);
    }

    private void endConversationIfOver() {
        ConversationState current = state.conversation;
        if (current != null && current.endsAt <= now) {
            endConversation(current.endsAt);
        }
    }

    private void endConversation(long at) {
        remember(new EndedConversation(state.conversation.conversationId, at));
        state.conversation = null;
    }

    private void remember(EndedConversation ended) {
        EndedConversation[] all = Arrays.copyOf(state.endedConversations, state.endedConversations.length + 1);
        all[all.length - 1] = ended;
        state.endedConversations = all;
    }

    private boolean hasEnded(String conversationId) {
        for (EndedConversation ended : state.endedConversations) {
            if (ended.conversationId.equals(conversationId)) {
                return true;
            }
        }
        return false;
    }

    // ---- Rule 2: the pre-conversation context -------------------------------------------------------------------

    private void startConversation(String conversationId, long start) {
        ConversationState conversation =
                new ConversationState(conversationId, start, start + CONVERSATION_LIFE);
        state.conversation = conversation;
        long windowStart = start - LOOKBACK;
        List<BuyerSignal> context = new ArrayList<>();

        CartState cart = state.cart;
        if (cart != null && cart.lineItems.length > 0 && cart.changedAt >= windowStart && cart.changedAt < start) {
            context.add(Signals.cart(buyer, conversationId, Timing.PRE_CONVERSATION, cart, cart.changeActions,
                    cart.changedAt, cart.changeEventId));
        }
        CheckoutRow latestOpen = null;
        List<CheckoutRow> orders = new ArrayList<>();
        for (CheckoutRow row : state.checkouts) {
            if (!row.isCompleted() && row.createdAt >= windowStart && row.createdAt < start
                    && (latestOpen == null || row.createdAt > latestOpen.createdAt
                            || (row.createdAt == latestOpen.createdAt && row.id > latestOpen.id))) {
                latestOpen = row;
            }
            if (row.hasOrder() && row.completedAt >= windowStart && row.completedAt < start) {
                orders.add(row);
            }
        }
        if (latestOpen != null && firstCheckoutFor(conversation, latestOpen.id)) {
            context.add(Signals.checkoutStarted(buyer, conversationId, Timing.PRE_CONVERSATION, latestOpen));
        }
        orders.sort(Comparator.comparingLong((CheckoutRow r) -> r.completedAt).thenComparingLong(r -> r.orderId));
        for (CheckoutRow row : orders.subList(Math.max(0, orders.size() - PRE_CONVERSATION_ORDERS), orders.size())) {
            if (firstOrderFor(conversation, row.orderId)) {
                context.add(Signals.orderCompleted(buyer, conversationId, Timing.PRE_CONVERSATION, row));
            }
        }
        // Merchants read the context as a timeline: oldest first.
        context.sort(Comparator.comparingLong((BuyerSignal s) -> s.occurredAt).thenComparing(s -> s.type));
        context.forEach(out::emit);
    }

    // ---- Rules 3–5: the cart ------------------------------------------------------------------------------------

    private void applyCart(CartSnapshot snapshot, long time, String eventId) {
        CartState cart = state.cart;
        if (cart != null) {
            int order = compare(time, eventId, cart.appliedAt, cart.appliedEventId);
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
        cart.cartToken = snapshot.cartToken;
        cart.currency = snapshot.currency;
        cart.lineItems = snapshot.lineItems;
        cart.appliedAt = time;
        cart.appliedEventId = eventId;
        if (actions.length == 0) {
            return;
        }
        cart.changedAt = time;
        cart.changeEventId = eventId;
        cart.changeActions = actions;
        ConversationState conversation = state.conversation;
        if (conversation != null && conversation.isActiveAt(time)) {
            out.emit(Signals.cart(buyer, conversation.conversationId, Timing.POST_CONVERSATION, cart, actions, time,
                    eventId));
        }
    }

    private static int compare(long time, String eventId, long otherTime, String otherEventId) {
        int byTime = Long.compare(time, otherTime);
        return byTime != 0 ? byTime : eventId.compareTo(otherEventId);
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
        int index = indexOfCheckout(row.id);
        if (row.deleted) {
            if (index >= 0) {
                state.checkouts = Arrays.stream(state.checkouts).filter(c -> c.id != row.id)
                        .toArray(CheckoutRow[]::new);
            }
            return;
        }
        CheckoutRow previous = index < 0 ? null : state.checkouts[index];
        if (previous != null) {
            if (row.updatedAt <= previous.updatedAt) {
                out.dropped(row.updatedAt == previous.updatedAt ? DropReason.DUPLICATE : DropReason.STALE);
                return;
            }
            state.checkouts[index] = row;
        } else {
            state.checkouts = Arrays.copyOf(state.checkouts, state.checkouts.length + 1);
            state.checkouts[state.checkouts.length - 1] = row;
        }
        if (row.isCompleted() && (previous == null || !previous.isCompleted())) {
            clearCartCompletedBy(row);
        }
        ConversationState conversation = state.conversation;
        if (conversation == null || !conversation.isActiveAt(row.updatedAt)) {
            return;
        }
        String conversationId = conversation.conversationId;
        if (previous == null && !row.isCompleted() && firstCheckoutFor(conversation, row.id)) {
            out.emit(Signals.checkoutStarted(buyer, conversationId, Timing.POST_CONVERSATION, row));
        }
        if (row.hasOrder() && (previous == null || !previous.hasOrder()) && firstOrderFor(conversation, row.orderId)) {
            out.emit(Signals.orderCompleted(buyer, conversationId, Timing.POST_CONVERSATION, row));
        }
    }

    /** Rule 5: the order was placed from the buyer's cart, unless the buyer already moved on to another cart. */
    private void clearCartCompletedBy(CheckoutRow row) {
        CartState cart = state.cart;
        if (cart != null && (Objects.equals(cart.cartToken, row.cartToken) || cart.changedAt <= row.completedAt)) {
            state.cart = null;
        }
    }

    private int indexOfCheckout(long id) {
        for (int i = 0; i < state.checkouts.length; i++) {
            if (state.checkouts[i].id == id) {
                return i;
            }
        }
        return -1;
    }

    // ---- Rule 7: nothing twice to one conversation --------------------------------------------------------------

    /** Records that the checkout goes to the conversation; false if it already went. */
    private static boolean firstCheckoutFor(ConversationState conversation, long checkoutId) {
        if (contains(conversation.sentCheckoutIds, checkoutId)) {
            return false;
        }
        conversation.sentCheckoutIds = append(conversation.sentCheckoutIds, checkoutId);
        return true;
    }

    private static boolean firstOrderFor(ConversationState conversation, long orderId) {
        if (contains(conversation.sentOrderIds, orderId)) {
            return false;
        }
        conversation.sentOrderIds = append(conversation.sentOrderIds, orderId);
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

    // ---- Rule 8: state lifecycle --------------------------------------------------------------------------------

    private void expireData() {
        if (state.cart != null && state.cart.changedAt + CART_RETENTION <= now) {
            state.cart = null;
        }
        if (state.checkouts.length > 0) {
            state.checkouts = Arrays.stream(state.checkouts)
                    .filter(row -> row.updatedAt + CHECKOUT_RETENTION > now)
                    .toArray(CheckoutRow[]::new);
        }
        if (state.endedConversations.length > 0) {
            state.endedConversations = Arrays.stream(state.endedConversations)
                    .filter(ended -> ended.endedAt + ENDED_CONVERSATION_MEMORY > now)
                    .toArray(EndedConversation[]::new);
        }
    }
}
