package io.buyersignals.rules;

import io.buyersignals.model.ShopRow;

/** Rule 9, decided before any buyer state is touched. */
public final class ShopPolicy {
    private ShopPolicy() {}

    /** Fails open: the shops table may lag behind the events at start-up, so an unknown shop is admitted. */
    public static boolean admits(ShopRow shopOrNull) {
        return shopOrNull == null || shopOrNull.inboxEnabled;
    }

    public static String domainOf(ShopRow shopOrNull) {
        return shopOrNull == null ? null : shopOrNull.domain;
    }
}
