package io.buyersignals.rules;

import io.buyersignals.model.CartAction;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.LineItem;

/** The buyer's current cart and what its last change was. */
public class CartState {
    public String cartToken;
    public String currency;
    public LineItem[] lineItems = new LineItem[0];
    /** Time, event id and actions of the last snapshot that changed quantities. */
    public long changedAt;

    public String changeEventId;
    public CartAction[] changeActions = new CartAction[0];
    /** Time and event id of the newest snapshot applied, changed or not: older snapshots are stale. */
    public long appliedAt;

    public String appliedEventId;

    public CartState() {}

    /**
     * Where a snapshot at {@code time} stands against the newest one applied: positive if newer, 0 if it is the
     * same one, negative if older.
     */
    int compareWithApplied(long time, String eventId) {
        int byTime = Long.compare(time, appliedAt);
        return byTime != 0 ? byTime : eventId.compareTo(appliedEventId);
    }

    /** The snapshot is now the cart, changed or not: its items, prices and titles. */
    void apply(CartSnapshot snapshot, long time, String eventId) {
        cartToken = snapshot.cartToken;
        currency = snapshot.currency;
        lineItems = snapshot.lineItems;
        appliedAt = time;
        appliedEventId = eventId;
    }

    /** The snapshot changed quantities: it is the cart's last change. */
    void changed(long time, String eventId, CartAction[] actions) {
        changedAt = time;
        changeEventId = eventId;
        changeActions = actions;
    }
}
