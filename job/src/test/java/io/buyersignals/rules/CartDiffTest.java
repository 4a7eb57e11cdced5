package io.buyersignals.rules;

import static io.buyersignals.Fixtures.cart;
import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.CartAction;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 4. */
class CartDiffTest {

    private static CartState stateOf(BuyerEvent event) {
        CartState state = new CartState();
        state.cartToken = event.cart.cartToken;
        state.lineItems = event.cart.lineItems;
        return state;
    }

    private static List<String> diff(CartState previous, BuyerEvent next) {
        return Arrays.stream(CartDiff.between(previous, next.cart))
                .map(CartDiffTest::describe)
                .toList();
    }

    private static String describe(CartAction a) {
        return a.action.wireName() + " " + a.variantId + " " + a.quantityBefore + "->" + a.quantityAfter;
    }

    @Test
    void addsRemovesAndChangesQuantitiesPerVariantInVariantOrder() {
        CartState before = stateOf(cart("e1", 0, "c1", 10, 1, 20, 2, 30, 3));
        assertThat(diff(before, cart("e2", 1, "c1", 40, 1, 20, 5, 10, 1)))
                .containsExactly("quantity_changed 20 2->5", "removed 30 3->0", "added 40 0->1");
    }

    @Test
    void everythingIsAddedWithoutAPreviousCart() {
        assertThat(diff(null, cart("e1", 0, "c1", 20, 2, 10, 1))).containsExactly("added 10 0->1", "added 20 0->2");
    }

    @Test
    void aDifferentCartTokenDiffsAgainstAnEmptyCart() {
        CartState before = stateOf(cart("e1", 0, "c1", 10, 1));
        assertThat(diff(before, cart("e2", 1, "c2", 10, 1))).containsExactly("added 10 0->1");
    }

    @Test
    void anIdenticalSnapshotHasNoActions() {
        CartState before = stateOf(cart("e1", 0, "c1", 10, 1, 20, 2));
        assertThat(diff(before, cart("e2", 1, "c1", 10, 1, 20, 2))).isEmpty();
    }

    @Test
    void emptyingTheCartRemovesEverything() {
        CartState before = stateOf(cart("e1", 0, "c1", 10, 1, 20, 2));
        assertThat(diff(before, cart("e2", 1, "c1"))).containsExactly("removed 10 1->0", "removed 20 2->0");
    }

    @Test
    void removedActionsCarryTheRemovedItemsDetails() {
        CartState before = stateOf(cart("e1", 0, "c1", 10, 4));
        CartAction removed = CartDiff.between(before, cart("e2", 1, "c1").cart)[0];
        assertThat(removed.productId).isEqualTo(5);
        assertThat(removed.title).isEqualTo("Item 10");
        assertThat(removed.unitPrice).isEqualByComparingTo("10.00");
    }
}
