package io.buyersignals.rules;

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
}
