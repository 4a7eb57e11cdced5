package io.buyersignals.model;

/**
 * One record of the compacted {@code buyer-context} topic: everything a merchant should see of a live conversation
 * now. An ended conversation is a tombstone ({@link #ended}, written as a null value).
 */
public class ConversationContext {
    public String conversationId;
    public long shopId;
    public String buyerToken;
    /** Counts the conversation's context records from 1, so a consumer can drop one older than what it has. */
    public long sequence;
    /** The event time this context is as of. */
    public long asOf;

    public boolean ended;
    public long conversationStartedAt;
    public BuyerStage stage;
    /** The current cart, its items and its last change ({@code actions}); null when empty or unknown. */
    public SignalCart cart;

    public Long cartChangedAt;
    public ContextCheckout checkout;
    public ContextOrder[] orders = new ContextOrder[0];
    /** When the buyer's oldest unanswered message was sent; null when no message waits for a reply. */
    public Long waitingSince;

    public boolean waitingAtCheckoutAlert;
    public int priority;

    public ConversationContext() {}
}
