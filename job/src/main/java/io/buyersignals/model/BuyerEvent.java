package io.buyersignals.model;

/**
 * A cart snapshot or a chat event (input 2 of the buyer function). One flat class rather than subclasses, because
 * Flink's POJO serializer falls back to Kryo for unregistered subclasses.
 */
public class BuyerEvent {
    public EventKind kind;
    public String eventId;
    public long shopId;
    public String buyerToken;
    /** Event time, epoch milliseconds UTC. */
    public long occurredAt;

    public CartSnapshot cart;
    public ChatEvent chat;

    public BuyerEvent() {}

    public static BuyerEvent cart(String eventId, long shopId, String buyerToken, long occurredAt, CartSnapshot cart) {
        BuyerEvent e = base(EventKind.CART, eventId, shopId, buyerToken, occurredAt);
        e.cart = cart;
        return e;
    }

    public static BuyerEvent chat(String eventId, long shopId, String buyerToken, long occurredAt, ChatEvent chat) {
        BuyerEvent e = base(EventKind.CHAT, eventId, shopId, buyerToken, occurredAt);
        e.chat = chat;
        return e;
    }

    private static BuyerEvent base(EventKind kind, String eventId, long shopId, String buyerToken, long occurredAt) {
        BuyerEvent e = new BuyerEvent();
        e.kind = kind;
        e.eventId = eventId;
        e.shopId = shopId;
        e.buyerToken = buyerToken;
        e.occurredAt = occurredAt;
        return e;
    }

    public BuyerKey key() {
        return new BuyerKey(shopId, buyerToken);
    }
}
