package io.buyersignals.model;

/** One document of the {@code buyer-signals} topic; exactly one of cart, checkout and order is set. */
public class BuyerSignal {
    public String signalId;
    public long shopId;
    public String buyerToken;
    public String conversationId;
    public SignalType type;
    public Timing timing;
    public long occurredAt;
    public SignalCart cart;
    public SignalCheckout checkout;
    public SignalOrder order;

    public BuyerSignal() {}
}
