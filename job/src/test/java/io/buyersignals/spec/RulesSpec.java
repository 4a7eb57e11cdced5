package io.buyersignals.spec;

import io.buyersignals.contract.ContextJson;
import io.buyersignals.model.AlertResolution;
import io.buyersignals.model.AlertStatus;
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.BuyerStage;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CartActionType;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ContextCheckout;
import io.buyersignals.model.ContextOrder;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.EndReason;
import io.buyersignals.model.EventKind;
import io.buyersignals.model.ExperimentArm;
import io.buyersignals.model.LineItem;
import io.buyersignals.model.ShopRow;
import io.buyersignals.model.SignalCart;
import io.buyersignals.model.SignalCheckout;
import io.buyersignals.model.SignalOrder;
import io.buyersignals.model.SignalType;
import io.buyersignals.model.Timing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Rules 1–13 of the contract (docs/contract.md, "The rules"), written from their text alone and sharing no code
 * with {@code io.buyersignals.rules}: the independent reference the job is checked against. It is naive on purpose.
 * Nothing is ever removed: every conversation, cart change and row version stays in plain collections, and whether
 * something has ended or expired is worked out from its times whenever it is looked at. There are no timers.
 *
 * <p>Where the text leaves an instant open, this is what it means (and docs/contract.md says so): at one instant,
 * conversations whose life is over end first, then the inputs of that instant are applied, then data whose
 * retention is over expires; an input that arrives late, when the watermark is W, is applied after everything up
 * to and including W has happened. Rules 10–12 look at each instant at which anything can change once it is over:
 * the context is written whenever it differs from the last one written.
 */
public final class RulesSpec {
    static final long DAY = 86_400_000L;
    static final long CONVERSATION_LIFE = 7 * DAY;
    static final long CONTEXT_WINDOW = 14 * DAY;
    static final long CART_LIFE = 14 * DAY;
    static final long CHECKOUT_LIFE = 14 * DAY;
    static final long ENDED_MEMORY = 7 * DAY;
    static final int CONTEXT_ORDERS = 5;

    /** What reaches the job, in order: an input arriving, or event time (the watermark) moving on. */
    public sealed interface Delivery permits Arrival, Watermark {}

    /** A {@link CheckoutRow} or a {@link BuyerEvent} arriving. */
    public record Arrival(Object input) implements Delivery {}

    public record Watermark(long time) implements Delivery {}

    /** Everything the rules write, each grouped by buyer (shop id, then buyer token) in the order written. */
    public record Output(
            List<BuyerSignal> signals,
            List<ConversationContext> contexts,
            List<BuyerAlert> alerts,
            List<ConversationOutcome> outcomes) {}

    /** Rule 12's default wait. */
    public static final long DEFAULT_REPLY_WAIT = 5 * 60_000L;

    private RulesSpec() {}

    /** Every input on time: applied in rule 6's order. Output grouped by buyer (shop id, then buyer token). */
    public static List<BuyerSignal> sorted(
            Collection<CheckoutRow> rows, Collection<BuyerEvent> events, Map<Long, ShopRow> shops) {
        return sorted(rows, events, shops, DEFAULT_REPLY_WAIT).signals();
    }

    public static Output sorted(
            Collection<CheckoutRow> rows, Collection<BuyerEvent> events, Map<Long, ShopRow> shops, long replyWait) {
        List<Delivery> deliveries = new ArrayList<>();
        rows.forEach(row -> deliveries.add(new Arrival(row)));
        events.forEach(event -> deliveries.add(new Arrival(event)));
        return delivered(deliveries, shops, replyWait);
    }

    /**
     * The inputs as delivered: one whose time the watermark has passed when it arrives is late (rule 6); the others
     * wait for the watermark. Everything left waiting at the end is applied. Output grouped by buyer.
     */
    public static List<BuyerSignal> delivered(List<Delivery> deliveries, Map<Long, ShopRow> shops) {
        return delivered(deliveries, shops, DEFAULT_REPLY_WAIT).signals();
    }

    public static Output delivered(List<Delivery> deliveries, Map<Long, ShopRow> shops, long replyWait) {
        Map<String, Buyer> buyers = new TreeMap<>();
        long watermark = Long.MIN_VALUE;
        for (Delivery delivery : deliveries) {
            if (delivery instanceof Watermark w && w.time() > watermark) {
                watermark = w.time();
                for (Buyer buyer : buyers.values()) {
                    buyer.applyWaitingUpTo(watermark);
                }
            } else if (delivery instanceof Arrival arrival) {
                Input input = Input.of(arrival.input());
                ShopRow shop = shops.get(input.shopId());
                if (shop != null && !shop.inboxEnabled) {
                    continue; // rule 9
                }
                Buyer buyer = buyers.computeIfAbsent(
                        buyerKey(input), k -> new Buyer(input.shopId(), input.buyer(), replyWait));
                if (input.time() > watermark) {
                    buyer.waiting.add(input);
                } else {
                    buyer.passTime(watermark, true);
                    buyer.apply(input, new Instant(watermark, Phase.LATE));
                    buyer.endInstant(watermark);
                }
            }
        }
        Output out = new Output(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Buyer buyer : buyers.values()) {
            buyer.applyWaitingUpTo(Long.MAX_VALUE);
            ShopRow shop = shops.get(buyer.shopId);
            // Rule 14: a control shop's merchant is shown nothing; its outcomes carry the arm and no signals.
            boolean shown = shop == null || shop.experimentArm != ExperimentArm.CONTROL;
            for (BuyerSignal signal : buyer.out) {
                if (signal.order != null) {
                    signal.order.adminUrl = adminUrl(shop, signal.order.orderId);
                }
                if (shown) {
                    out.signals().add(signal);
                }
            }
            for (ConversationContext context : buyer.contexts) {
                for (ContextOrder order : context.orders) {
                    order.adminUrl = adminUrl(shop, order.orderId);
                }
                if (shown) {
                    out.contexts().add(context);
                }
            }
            if (shown) {
                out.alerts().addAll(buyer.alerts);
            }
            for (ConversationOutcome outcome : buyer.outcomes) {
                outcome.arm = shop == null ? null : shop.experimentArm;
                if (!shown) {
                    outcome.cartUpdatedSignals = 0;
                    outcome.checkoutStartedSignals = 0;
                    outcome.orderCompletedSignals = 0;
                }
                out.outcomes().add(outcome);
            }
        }
        return out;
    }

    private static String adminUrl(ShopRow shop, long orderId) {
        return shop == null ? null : "https://" + shop.domain + "/admin/orders/" + orderId;
    }

    private static String buyerKey(Input input) {
        return String.format("%020d/%s", input.shopId(), input.buyer());
    }

    /**
     * Where in an instant a step happens: an input on time is applied with the other inputs of its instant, after
     * the conversations that end then and before the data that expires then; a late input comes after everything of
     * the watermark's instant.
     */
    private enum Phase {
        ON_TIME,
        LATE
    }

    private record Instant(long time, Phase phase) {
        /** Whether something that expires at {@code expiry} (after the inputs of that instant) is still there. */
        boolean stillHas(long expiry) {
            return expiry > time || (expiry == time && phase == Phase.ON_TIME);
        }
    }

    /** An input with what rule 6 orders it by. */
    private record Input(Object value, long time, int kindOrder, String id, long shopId, String buyer) {
        static Input of(Object value) {
            if (value instanceof CheckoutRow row) {
                return new Input(row, row.updatedAt, 1, String.format("%020d", row.id), row.shopId, row.buyerToken);
            }
            BuyerEvent e = (BuyerEvent) value;
            return new Input(e, e.occurredAt, e.kind == EventKind.CHAT ? 0 : 2, e.eventId, e.shopId, e.buyerToken);
        }

        /** Rule 6: event time, then chat, checkout, cart, then event id or row id. */
        static final Comparator<Input> ORDER = Comparator.comparingLong(Input::time)
                .thenComparingInt(Input::kindOrder)
                .thenComparing(Input::id);
    }

    /** A conversation the buyer had, or one only known to have been closed; its end is set when known. */
    private static final class Conversation {
        final String id;
        final long start;
        long end;
        final Set<Long> checkoutsSent = new HashSet<>();
        final Set<Long> ordersSent = new HashSet<>();
        /** Rules 10–12: the messages applied, the alert raised in it, the context last written. */
        final List<Long> buyerMessages = new ArrayList<>();

        final List<Long> merchantMessages = new ArrayList<>();
        Long alertedSince;
        boolean alertOpen;
        long alertCheckout;
        int contextsWritten;
        String lastContext;
        boolean removed;
        /** Rule 13: the stage when it started, and the orders completed during it. */
        BuyerStage stageAtStart;

        int orders;
        BigDecimal revenue = BigDecimal.ZERO;
        /** Where its signals start in the buyer's output: an id may come back in a later conversation. */
        int firstSignal;

        final TreeSet<String> currencies = new TreeSet<>();

        Conversation(String id, long start, long end) {
            this.id = id;
            this.start = start;
            this.end = end;
        }
    }

    private static final class Cart {
        String token;
        String currency;
        List<LineItem> items;
        long appliedAt;
        String appliedEventId;
        long changedAt;
        String changeEventId;
        List<CartAction> changeActions;
    }

    private static final class Buyer {
        final long shopId;
        final String token;
        final List<Input> waiting = new ArrayList<>();
        final List<Conversation> conversations = new ArrayList<>();
        Cart cart;
        /** Every applied version of every checkout, newest last; a delete is a version too. */
        final Map<Long, List<CheckoutRow>> versions = new TreeMap<>();

        final List<BuyerSignal> out = new ArrayList<>();
        final List<ConversationContext> contexts = new ArrayList<>();
        final List<BuyerAlert> alerts = new ArrayList<>();
        final List<ConversationOutcome> outcomes = new ArrayList<>();
        final long replyWait;
        /** The latest instant that is over. */
        long clock = Long.MIN_VALUE;

        Buyer(long shopId, String token, long replyWait) {
            this.shopId = shopId;
            this.token = token;
            this.replyWait = replyWait;
        }

        /** The inputs up to the watermark, instant by instant, with the instants in between; then up to it. */
        void applyWaitingUpTo(long watermark) {
            List<Input> due = waiting.stream()
                    .filter(i -> i.time() <= watermark)
                    .sorted(Input.ORDER)
                    .toList();
            waiting.removeAll(due);
            for (int i = 0; i < due.size(); ) {
                long time = due.get(i).time();
                passTime(time, false);
                beginInstant(time);
                for (; i < due.size() && due.get(i).time() == time; i++) {
                    apply(due.get(i), new Instant(time, Phase.ON_TIME));
                }
                endInstant(time);
            }
            passTime(watermark, true);
        }

        void apply(Input input, Instant now) {
            if (input.value() instanceof CheckoutRow row) {
                applyRow(row, now);
            } else {
                BuyerEvent event = (BuyerEvent) input.value();
                if (event.kind == EventKind.CHAT) {
                    applyChat(event, now);
                } else {
                    applyCart(event, now);
                }
            }
        }

        // ---- what the buyer has at an instant, worked out from times -------------------------------------

        /** Rule 1: the conversation live at the instant (it ends at the start of its end instant), if any. */
        Conversation live(Instant now) {
            Conversation found = null;
            for (Conversation c : conversations) {
                if (c.start <= now.time() && now.time() < c.end) {
                    if (found != null) {
                        throw new IllegalStateException("two live conversations: " + found.id + ", " + c.id);
                    }
                    found = c;
                }
            }
            return found;
        }

        /** Rule 1: a conversation that ended, remembered for seven days after its end. */
        boolean remembersEnded(String conversationId, Instant now) {
            return conversations.stream()
                    .anyMatch(c ->
                            c.id.equals(conversationId) && c.end <= now.time() && now.stillHas(c.end + ENDED_MEMORY));
        }

        /** Rule 8: the cart, until 14 days after its last change. */
        Cart cart(Instant now) {
            return cart != null && now.stillHas(cart.changedAt + CART_LIFE) ? cart : null;
        }

        /** Rule 8: the latest version of each checkout, until 14 days after its updated_at; deleted ones are gone. */
        List<CheckoutRow> checkouts(Instant now) {
            List<CheckoutRow> current = new ArrayList<>();
            for (List<CheckoutRow> rowVersions : versions.values()) {
                CheckoutRow latest = rowVersions.get(rowVersions.size() - 1);
                if (!latest.deleted && now.stillHas(latest.updatedAt + CHECKOUT_LIFE)) {
                    current.add(latest);
                }
            }
            return current;
        }

        CheckoutRow checkout(long id, Instant now) {
            return checkouts(now).stream()
                    .filter(row -> row.id == id)
                    .findFirst()
                    .orElse(null);
        }

        // ---- rule 1 and 2: conversations and their context ----------------------------------------------

        void applyChat(BuyerEvent event, Instant now) {
            String id = event.chat.conversationId;
            long at = event.occurredAt;
            Conversation live = live(now);
            if (live != null && live.id.equals(id)) {
                switch (event.chat.type) {
                    case CONVERSATION_CLOSED -> {
                        live.end = Math.max(at, live.start); // closed no earlier than it started
                        remove(live, now.time(), EndReason.CLOSED);
                    }
                    case BUYER_MESSAGE -> live.buyerMessages.add(at);
                    case MERCHANT_MESSAGE -> {
                        Long waitedSince = waitingSince(live);
                        live.merchantMessages.add(at);
                        if (waitedSince != null && !waitedSince.equals(waitingSince(live))) {
                            resolve(live, AlertResolution.ANSWERED, now.time());
                        }
                    }
                    case CONVERSATION_STARTED -> {}
                }
                return;
            }
            if (remembersEnded(id, now)) {
                return; // an event for an ended conversation
            }
            if (event.chat.type == ChatType.CONVERSATION_CLOSED) {
                // Closed before it was seen live: remembered as ended, so its late messages do not open it.
                Conversation closed = new Conversation(id, at, at);
                closed.removed = true; // never live, never in the context topic
                conversations.add(closed);
                return;
            }
            if (live != null && at < live.start) {
                return; // the live conversation, which started later, would already have ended this one
            }
            if (at + CONVERSATION_LIFE <= now.time()) {
                return; // its seven days are over: too late to matter
            }
            if (live != null) {
                live.end = at; // the start of the next conversation ends the previous one
                remove(live, now.time(), EndReason.REPLACED);
            }
            Conversation started = new Conversation(id, at, at + CONVERSATION_LIFE);
            conversations.add(started);
            if (event.chat.type == ChatType.BUYER_MESSAGE) {
                started.buyerMessages.add(at);
            } else if (event.chat.type == ChatType.MERCHANT_MESSAGE) {
                started.merchantMessages.add(at);
            }
            started.firstSignal = out.size();
            sendContext(started, now);
            started.stageAtStart = context(started, now).stage;
        }

        /** Rule 2, oldest first. */
        void sendContext(Conversation conversation, Instant now) {
            long from = conversation.start - CONTEXT_WINDOW;
            long to = conversation.start;
            List<BuyerSignal> context = new ArrayList<>();
            Cart current = cart(now);
            if (current != null && !current.items.isEmpty() && from <= current.changedAt && current.changedAt < to) {
                context.add(cartSignal(
                        conversation,
                        Timing.PRE_CONVERSATION,
                        current.token,
                        current.currency,
                        current.items,
                        current.changeActions,
                        current.changedAt,
                        current.changeEventId));
            }
            CheckoutRow latestOpen = null;
            List<CheckoutRow> orders = new ArrayList<>();
            for (CheckoutRow row : checkouts(now)) {
                if (row.completedAt == null
                        && from <= row.createdAt
                        && row.createdAt < to
                        && (latestOpen == null
                                || row.createdAt > latestOpen.createdAt
                                || (row.createdAt == latestOpen.createdAt && row.id > latestOpen.id))) {
                    latestOpen = row;
                }
                if (row.completedAt != null && row.orderId != null && from <= row.completedAt && row.completedAt < to) {
                    orders.add(row);
                }
            }
            if (latestOpen != null && conversation.checkoutsSent.add(latestOpen.id)) {
                context.add(checkoutSignal(conversation, Timing.PRE_CONVERSATION, latestOpen));
            }
            orders.sort(
                    Comparator.comparingLong((CheckoutRow r) -> r.completedAt).thenComparingLong(r -> r.orderId));
            for (CheckoutRow row : orders.subList(Math.max(0, orders.size() - CONTEXT_ORDERS), orders.size())) {
                if (conversation.ordersSent.add(row.orderId)) {
                    context.add(orderSignal(conversation, Timing.PRE_CONVERSATION, row));
                }
            }
            context.sort(
                    Comparator.comparingLong((BuyerSignal s) -> s.occurredAt).thenComparingInt(s -> typeOrder(s.type)));
            out.addAll(context);
        }

        // ---- rules 3 to 5: carts, checkouts, orders -----------------------------------------------------

        void applyCart(BuyerEvent event, Instant now) {
            long at = event.occurredAt;
            Cart current = cart(now);
            if (current != null
                    && (at < current.appliedAt
                            || (at == current.appliedAt && event.eventId.compareTo(current.appliedEventId) <= 0))) {
                return; // stale, or the same snapshot again
            }
            for (CheckoutRow row : checkouts(now)) {
                if (row.completedAt != null
                        && Objects.equals(row.cartToken, event.cart.cartToken)
                        && at <= row.completedAt) {
                    return; // rule 5: a snapshot of a cart that a completed checkout already took
                }
            }
            List<LineItem> before =
                    current != null && current.token.equals(event.cart.cartToken) ? current.items : List.of();
            List<CartAction> actions = actions(before, List.of(event.cart.lineItems));
            if (current == null && actions.isEmpty()) {
                return; // an empty cart nobody knew: nothing to remember
            }
            if (current == null) {
                current = new Cart();
                cart = current;
            }
            current.token = event.cart.cartToken;
            current.currency = event.cart.currency;
            current.items = List.of(event.cart.lineItems);
            current.appliedAt = at;
            current.appliedEventId = event.eventId;
            if (actions.isEmpty()) {
                return; // same quantities: no change, though prices and titles are now the snapshot's
            }
            current.changedAt = at;
            current.changeEventId = event.eventId;
            current.changeActions = actions;
            Conversation live = live(now);
            if (live != null && live.start <= at && at < live.end) {
                out.add(cartSignal(
                        live,
                        Timing.POST_CONVERSATION,
                        current.token,
                        current.currency,
                        current.items,
                        actions,
                        at,
                        event.eventId));
            }
        }

        void applyRow(CheckoutRow row, Instant now) {
            CheckoutRow previous = checkout(row.id, now);
            if (row.deleted) {
                if (previous != null) {
                    versions.get(row.id).add(row); // forgotten; emits nothing
                }
                return;
            }
            if (previous != null && row.updatedAt <= previous.updatedAt) {
                return; // an older version, or the same again
            }
            versions.computeIfAbsent(row.id, id -> new ArrayList<>()).add(row);
            boolean completesNow = row.completedAt != null && (previous == null || previous.completedAt == null);
            Cart current = cart(now);
            if (completesNow
                    && current != null
                    && (Objects.equals(current.token, row.cartToken) || current.changedAt <= row.completedAt)) {
                cart = null; // rule 5: the order took the cart, unless the buyer had moved on to another one
            }
            Conversation live = live(now);
            if (live == null || row.updatedAt < live.start || row.updatedAt >= live.end) {
                return;
            }
            if (previous == null && row.completedAt == null && live.checkoutsSent.add(row.id)) {
                out.add(checkoutSignal(live, Timing.POST_CONVERSATION, row));
            }
            boolean hasOrder = row.completedAt != null && row.orderId != null;
            boolean hadOrder = previous != null && previous.completedAt != null && previous.orderId != null;
            if (hasOrder && !hadOrder) {
                resolve(live, AlertResolution.ORDERED, now.time());
                if (row.completedAt >= live.start) {
                    live.orders++;
                    live.revenue = live.revenue.add(row.totalPrice.setScale(2, RoundingMode.HALF_UP));
                    live.currencies.add(row.currency);
                }
            }
            if (hasOrder && !hadOrder && live.ordersSent.add(row.orderId)) {
                out.add(orderSignal(live, Timing.POST_CONVERSATION, row));
            }
        }

        /** Rule 4, per variant; a cart token other than the previous one starts from an empty cart. */
        static List<CartAction> actions(List<LineItem> before, List<LineItem> after) {
            Map<Long, LineItem> old = new LinkedHashMap<>();
            before.forEach(item -> old.put(item.variantId, item));
            Map<Long, LineItem> now = new LinkedHashMap<>();
            after.forEach(item -> now.put(item.variantId, item));
            Set<Long> variants = new TreeSet<>(old.keySet());
            variants.addAll(now.keySet());
            List<CartAction> actions = new ArrayList<>();
            for (long variant : variants) {
                LineItem was = old.get(variant);
                LineItem is = now.get(variant);
                if (was == null) {
                    actions.add(new CartAction(CartActionType.ADDED, is, 0, is.quantity));
                } else if (is == null) {
                    actions.add(new CartAction(CartActionType.REMOVED, was, was.quantity, 0));
                } else if (was.quantity != is.quantity) {
                    actions.add(new CartAction(CartActionType.QUANTITY_CHANGED, is, was.quantity, is.quantity));
                }
            }
            return actions;
        }

        // ---- rules 10 to 12: the context, its priority, alerts ---------------------------------------

        /** The instants before {@code limit} (and at it, if {@code inclusive}) at which time alone changes things. */
        void passTime(long limit, boolean inclusive) {
            for (long next = nextInstant();
                    next != Long.MAX_VALUE && (next < limit || (inclusive && next == limit));
                    next = nextInstant()) {
                beginInstant(next);
                endInstant(next);
            }
        }

        /** The next instant after the clock at which a conversation ends, data expires or a wait runs out. */
        long nextInstant() {
            Instant after = new Instant(clock, Phase.LATE);
            List<Long> candidates = new ArrayList<>();
            Conversation live = live(after);
            if (live != null) {
                candidates.add(live.end);
                Long waiting = waitingSince(live);
                if (waiting != null && !alertedThisEpisode(live) && openCheckout(after) != null) {
                    candidates.add(waiting + replyWait);
                }
            }
            Cart current = cart(after);
            if (current != null) {
                candidates.add(current.changedAt + CART_LIFE);
            }
            checkouts(after).forEach(row -> candidates.add(row.updatedAt + CHECKOUT_LIFE));
            return candidates.stream()
                    .filter(time -> time > clock)
                    .min(Long::compare)
                    .orElse(Long.MAX_VALUE);
        }

        /** Rule 1 at an instant: a conversation whose seven days are over ends first. */
        void beginInstant(long time) {
            for (Conversation c : conversations) {
                if (c.end == time && !c.removed) {
                    remove(c, time, EndReason.EXPIRED);
                }
            }
        }

        /** Once an instant is over: an alert that is due is raised, then the context is written if it changed. */
        void endInstant(long time) {
            clock = Math.max(clock, time);
            Instant over = new Instant(time, Phase.LATE);
            Conversation live = live(over);
            if (live == null) {
                return;
            }
            Long waiting = waitingSince(live);
            CheckoutRow open = openCheckout(over);
            if (waiting != null && !alertedThisEpisode(live) && time >= waiting + replyWait && open != null) {
                live.alertedSince = waiting;
                live.alertOpen = true;
                live.alertCheckout = open.id;
                BuyerAlert raised = alert(live, AlertStatus.RAISED, time);
                raised.checkoutTotalPrice = open.totalPrice.setScale(2, RoundingMode.HALF_UP);
                raised.currency = open.currency;
                alerts.add(raised);
            }
            ConversationContext context = context(live, over);
            String shown = ContextJson.write(context);
            if (!shown.equals(live.lastContext)) {
                live.lastContext = shown;
                context.sequence = ++live.contextsWritten;
                context.asOf = time;
                contexts.add(context);
            }
        }

        /** The conversation ended: its alert is over, its key gets a tombstone, and its outcome is written. */
        void remove(Conversation c, long now, EndReason reason) {
            resolve(c, AlertResolution.CONVERSATION_ENDED, now);
            ConversationContext tombstone = new ConversationContext();
            tombstone.conversationId = c.id;
            tombstone.shopId = shopId;
            tombstone.buyerToken = token;
            tombstone.asOf = now;
            tombstone.ended = true;
            contexts.add(tombstone);
            c.removed = true;
            outcomes.add(outcome(c, reason));
        }

        /** Rule 13, from what the conversation saw and what was sent to it. */
        ConversationOutcome outcome(Conversation c, EndReason reason) {
            ConversationOutcome o = new ConversationOutcome();
            o.conversationId = c.id;
            o.shopId = shopId;
            o.buyerToken = token;
            o.startedAt = c.start;
            o.endedAt = c.end;
            o.endReason = reason;
            o.stageAtStart = c.stageAtStart;
            o.firstBuyerMessageAt = c.buyerMessages.stream().min(Long::compare).orElse(null);
            Long first = o.firstBuyerMessageAt;
            o.firstReplyAt = first == null
                    ? null
                    : c.merchantMessages.stream()
                            .filter(m -> m >= first)
                            .min(Long::compare)
                            .orElse(null);
            for (BuyerSignal signal : out.subList(c.firstSignal, out.size())) {
                if (signal.conversationId.equals(c.id)) {
                    switch (signal.type) {
                        case CART_UPDATED -> o.cartUpdatedSignals++;
                        case CHECKOUT_STARTED -> o.checkoutStartedSignals++;
                        case ORDER_COMPLETED -> o.orderCompletedSignals++;
                    }
                }
            }
            o.orders = c.orders;
            o.revenue = c.revenue.setScale(2, RoundingMode.HALF_UP);
            o.currency = c.currencies.isEmpty() ? null : c.currencies.size() == 1 ? c.currencies.first() : "mixed";
            return o;
        }

        void resolve(Conversation c, AlertResolution why, long now) {
            if (c.alertOpen) {
                c.alertOpen = false;
                BuyerAlert resolved = alert(c, AlertStatus.RESOLVED, now);
                resolved.resolution = why;
                alerts.add(resolved);
            }
        }

        /** The oldest buyer message that no merchant message at or after it answers; null if none. */
        static Long waitingSince(Conversation c) {
            return c.buyerMessages.stream()
                    .filter(b -> c.merchantMessages.stream().noneMatch(m -> m >= b))
                    .min(Long::compare)
                    .orElse(null);
        }

        /** An episode ends with a reply: an alert raised since the last merchant message belongs to this one. */
        static boolean alertedThisEpisode(Conversation c) {
            Long lastReply = c.merchantMessages.stream().max(Long::compare).orElse(null);
            return c.alertedSince != null && (lastReply == null || c.alertedSince > lastReply);
        }

        /** The latest checkout not completed: latest created_at, then highest id. */
        CheckoutRow openCheckout(Instant now) {
            return checkouts(now).stream()
                    .filter(row -> row.completedAt == null)
                    .max(Comparator.comparingLong((CheckoutRow row) -> row.createdAt)
                            .thenComparingLong(row -> row.id))
                    .orElse(null);
        }

        /** Rule 10's document, without its sequence and time; rule 11's priority. */
        ConversationContext context(Conversation c, Instant now) {
            ConversationContext context = new ConversationContext();
            context.conversationId = c.id;
            context.shopId = shopId;
            context.buyerToken = token;
            context.conversationStartedAt = c.start;
            Cart current = cart(now);
            if (current != null && !current.items.isEmpty()) {
                context.cart = cartSignal(
                                c,
                                Timing.POST_CONVERSATION,
                                current.token,
                                current.currency,
                                current.items,
                                current.changeActions,
                                current.changedAt,
                                current.changeEventId)
                        .cart;
                context.cartChangedAt = current.changedAt;
            }
            CheckoutRow open = openCheckout(now);
            if (open != null) {
                context.checkout = new ContextCheckout();
                context.checkout.checkoutId = open.id;
                context.checkout.cartToken = open.cartToken;
                context.checkout.totalPrice = open.totalPrice.setScale(2, RoundingMode.HALF_UP);
                context.checkout.currency = open.currency;
                context.checkout.startedAt = open.createdAt;
            }
            List<CheckoutRow> ordered = checkouts(now).stream()
                    .filter(row -> row.completedAt != null && row.orderId != null)
                    .sorted(Comparator.comparingLong((CheckoutRow row) -> row.completedAt)
                            .thenComparingLong(row -> row.orderId))
                    .toList();
            context.orders = ordered.subList(Math.max(0, ordered.size() - CONTEXT_ORDERS), ordered.size()).stream()
                    .map(row -> {
                        ContextOrder order = new ContextOrder();
                        order.orderId = row.orderId;
                        order.orderNumber = row.orderNumber;
                        order.totalPrice = row.totalPrice.setScale(2, RoundingMode.HALF_UP);
                        order.currency = row.currency;
                        order.completedAt = row.completedAt;
                        return order;
                    })
                    .toArray(ContextOrder[]::new);
            context.waitingSince = waitingSince(c);
            context.waitingAtCheckoutAlert = c.alertOpen;
            boolean orderedHere = ordered.stream().anyMatch(row -> row.completedAt >= c.start);
            context.stage = open != null
                    ? BuyerStage.CHECKOUT
                    : orderedHere ? BuyerStage.ORDERED : context.cart != null ? BuyerStage.CART : BuyerStage.BROWSING;
            if (context.waitingSince == null) {
                context.priority = 0;
            } else if (context.checkout != null) {
                context.priority = 3;
            } else {
                context.priority = context.cart != null ? 2 : 1;
            }
            return context;
        }

        BuyerAlert alert(Conversation c, AlertStatus status, long at) {
            BuyerAlert alert = new BuyerAlert();
            alert.alertId = uuid(c.id + "|waiting_at_checkout|" + c.alertedSince);
            alert.eventId = uuid(alert.alertId + "|" + status.wireName());
            alert.shopId = shopId;
            alert.buyerToken = token;
            alert.conversationId = c.id;
            alert.status = status;
            alert.waitingSince = c.alertedSince;
            alert.checkoutId = c.alertCheckout;
            alert.occurredAt = at;
            return alert;
        }

        static String uuid(String name) {
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }

        // ---- the documents ------------------------------------------------------------------------------

        BuyerSignal cartSignal(
                Conversation c,
                Timing timing,
                String cartToken,
                String currency,
                List<LineItem> items,
                List<CartAction> actions,
                long at,
                String eventId) {
            SignalCart body = new SignalCart();
            body.cartToken = cartToken;
            body.currency = currency;
            body.lineItems = items.toArray(new LineItem[0]);
            body.actions = actions.toArray(new CartAction[0]);
            body.itemCount = items.stream().mapToLong(item -> item.quantity).sum();
            body.totalPrice = items.stream()
                    .map(item -> item.unitPrice.multiply(BigDecimal.valueOf(item.quantity)))
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .setScale(2, RoundingMode.HALF_UP);
            BuyerSignal s = signal(c, SignalType.CART_UPDATED, timing, at, eventId);
            s.cart = body;
            return s;
        }

        BuyerSignal checkoutSignal(Conversation c, Timing timing, CheckoutRow row) {
            SignalCheckout body = new SignalCheckout();
            body.checkoutId = row.id;
            body.cartToken = row.cartToken;
            body.totalPrice = row.totalPrice.setScale(2, RoundingMode.HALF_UP);
            body.currency = row.currency;
            BuyerSignal s = signal(c, SignalType.CHECKOUT_STARTED, timing, row.createdAt, Long.toString(row.id));
            s.checkout = body;
            return s;
        }

        BuyerSignal orderSignal(Conversation c, Timing timing, CheckoutRow row) {
            SignalOrder body = new SignalOrder();
            body.orderId = row.orderId;
            body.orderNumber = row.orderNumber;
            body.totalPrice = row.totalPrice.setScale(2, RoundingMode.HALF_UP);
            body.currency = row.currency;
            BuyerSignal s = signal(c, SignalType.ORDER_COMPLETED, timing, row.completedAt, Long.toString(row.orderId));
            s.order = body;
            return s;
        }

        BuyerSignal signal(Conversation c, SignalType type, Timing timing, long occurredAt, String source) {
            BuyerSignal s = new BuyerSignal();
            String name = c.id + "|" + type.wireName() + "|" + source;
            s.signalId = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
                    .toString();
            s.shopId = shopId;
            s.buyerToken = token;
            s.conversationId = c.id;
            s.type = type;
            s.timing = timing;
            s.occurredAt = occurredAt;
            return s;
        }

        static int typeOrder(SignalType type) {
            return switch (type) {
                case CART_UPDATED -> 0;
                case CHECKOUT_STARTED -> 1;
                case ORDER_COMPLETED -> 2;
            };
        }
    }
}
