package io.buyersignals.rules;

import io.buyersignals.model.CartAction;
import io.buyersignals.model.CartActionType;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.LineItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Rule 4: the cart actions that turn the previous cart into the next snapshot, by variant id. */
public final class CartDiff {
    private static final LineItem[] EMPTY = new LineItem[0];

    private CartDiff() {}

    /** Both carts' line items are sorted by variant id and unique per variant; so is the result. */
    public static CartAction[] between(CartState previous, CartSnapshot next) {
        LineItem[] before =
                previous == null || !Objects.equals(previous.cartToken, next.cartToken) ? EMPTY : previous.lineItems;
        LineItem[] after = next.lineItems;
        List<CartAction> actions = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < before.length || j < after.length) {
            LineItem b = i < before.length ? before[i] : null;
            LineItem a = j < after.length ? after[j] : null;
            if (a == null || (b != null && b.variantId < a.variantId)) {
                actions.add(new CartAction(CartActionType.REMOVED, b, b.quantity, 0));
                i++;
            } else if (b == null || a.variantId < b.variantId) {
                actions.add(new CartAction(CartActionType.ADDED, a, 0, a.quantity));
                j++;
            } else {
                if (a.quantity != b.quantity) {
                    actions.add(new CartAction(CartActionType.QUANTITY_CHANGED, a, b.quantity, a.quantity));
                }
                i++;
                j++;
            }
        }
        return actions.toArray(new CartAction[0]);
    }
}
