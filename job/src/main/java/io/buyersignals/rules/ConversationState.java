package io.buyersignals.rules;

import io.buyersignals.model.BuyerStage;
import io.buyersignals.model.SignalType;
import java.math.BigDecimal;
import java.util.Arrays;

/** The buyer's active conversation: live on {@code [startedAt, endsAt)}. */
public class ConversationState {
    /** No time: for {@link #lastReplyAt} and {@link #alertedSince}. */
    public static final long NONE = Long.MIN_VALUE;

    public String conversationId;
    public long startedAt;
    public long endsAt;
    /** What this conversation already received, so nothing is sent to it twice. */
    public long[] sentCheckoutIds = new long[0];

    public long[] sentOrderIds = new long[0];
    /** The last context record's sequence number, and the digest of what it showed. */
    public long contextSequence;

    public long contextDigest;
    /** The times of the buyer's messages no merchant message has answered yet, oldest first. */
    public long[] unanswered = new long[0];
    /** The latest merchant message: a buyer message up to it is answered, even if it arrives later. */
    public long lastReplyAt = NONE;
    /** The {@link #waitingSince()} of the latest alert raised: one alert per waiting episode. */
    public long alertedSince = NONE;
    /** The raised alert has not been resolved yet. */
    public boolean alertOpen;

    public long alertCheckoutId;
    /** Rule 13's outcome so far: the stage at the start, the first buyer message and the first reply to it. */
    public BuyerStage stageAtStart = BuyerStage.BROWSING;

    public long firstBuyerMessageAt = NONE;
    public long firstReplyAt = NONE;
    /** Merchant messages before the first buyer message: one of them replies if an earlier buyer message comes late. */
    public long[] earlyReplies = new long[0];
    /** Signals sent to the conversation, by type. */
    public int[] signalsSent = new int[SignalType.values().length];
    /** Orders completed during the conversation, their total and currency ("mixed" if they differ). */
    public int orders;

    public BigDecimal revenue = BigDecimal.ZERO;
    public String currency;

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

    boolean isWaiting() {
        return unanswered.length > 0;
    }

    /** When the buyer's oldest unanswered message was sent; {@link #NONE} if none waits. */
    long waitingSince() {
        return isWaiting() ? unanswered[0] : NONE;
    }

    /** A buyer message at {@code time}; true if it made the buyer wait since an earlier time than before. */
    boolean buyerMessage(long time) {
        if (firstBuyerMessageAt == NONE || time < firstBuyerMessageAt) {
            firstBuyerMessageAt = time;
            for (long reply : earlyReplies) {
                if (reply >= time && (firstReplyAt == NONE || reply < firstReplyAt)) {
                    firstReplyAt = reply;
                }
            }
            earlyReplies =
                    Arrays.stream(earlyReplies).filter(reply -> reply < time).toArray();
        }
        if (lastReplyAt != NONE && time <= lastReplyAt) {
            return false; // answered by a reply at or after it
        }
        long before = waitingSince();
        int at = Arrays.binarySearch(unanswered, time);
        if (at < 0) {
            int insert = -at - 1;
            long[] all = new long[unanswered.length + 1];
            System.arraycopy(unanswered, 0, all, 0, insert);
            all[insert] = time;
            System.arraycopy(unanswered, insert, all, insert + 1, unanswered.length - insert);
            unanswered = all;
        }
        return waitingSince() != before;
    }

    /** A merchant message at {@code time} answers every buyer message up to it; true if it answered any. */
    boolean merchantMessage(long time) {
        if (firstBuyerMessageAt != NONE && time >= firstBuyerMessageAt) {
            firstReplyAt = firstReplyAt == NONE ? time : Math.min(firstReplyAt, time);
        } else {
            earlyReplies = append(earlyReplies, time);
        }
        lastReplyAt = Math.max(lastReplyAt, time);
        int answered = 0;
        while (answered < unanswered.length && unanswered[answered] <= time) {
            answered++;
        }
        unanswered = Arrays.copyOfRange(unanswered, answered, unanswered.length);
        return answered > 0;
    }

    /**
     * Whether the buyer waits and no alert was raised since the last reply. An episode starts after a reply, so an
     * alert raised after it belongs to this episode, even if a late message moved its start earlier.
     */
    boolean waitingUnalerted() {
        boolean alertedThisEpisode = alertedSince != NONE && (lastReplyAt == NONE || alertedSince > lastReplyAt);
        return isWaiting() && !alertedThisEpisode;
    }

    /** A signal goes to this conversation. */
    void sent(SignalType type) {
        signalsSent[type.ordinal()]++;
    }

    /** An order completed during the conversation (rule 13). */
    void ordered(BigDecimal total, String orderCurrency) {
        orders++;
        revenue = revenue.add(total);
        currency = currency == null || currency.equals(orderCurrency) ? orderCurrency : "mixed";
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
