package io.buyersignals.model;

import java.util.Objects;

/** A buyer in one shop: everything in the job is keyed by it. hashCode must stay deterministic across JVMs. */
public class BuyerKey {
    public long shopId;
    public String buyerToken;

    public BuyerKey() {}

    public BuyerKey(long shopId, String buyerToken) {
        this.shopId = shopId;
        this.buyerToken = buyerToken;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuyerKey other && shopId == other.shopId && Objects.equals(buyerToken, other.buyerToken);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(shopId) + Objects.hashCode(buyerToken);
    }

    @Override
    public String toString() {
        return shopId + "/" + buyerToken;
    }
}
