package io.buyersignals.model;

/** The whole cart after one buyer interaction; line items are sorted by variant id and unique per variant. */
public class CartSnapshot {
    public String cartToken;
    public String currency;
    public LineItem[] lineItems;

    public CartSnapshot() {}

    public CartSnapshot(String cartToken, String currency, LineItem[] lineItems) {
        this.cartToken = cartToken;
        this.currency = currency;
        this.lineItems = lineItems;
    }
}
