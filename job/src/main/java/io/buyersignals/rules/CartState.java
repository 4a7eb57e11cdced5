package io.buyersignals.rules;

import io.buyersignals.model.CartAction;
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
}
