package io.buyersignals.model;

/** A row of the {@code shops} table. */
public class ShopRow implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public long id;
    public String domain;
    public boolean inboxEnabled;

    public ShopRow() {}

    public ShopRow(long id, String domain, boolean inboxEnabled) {
        this.id = id;
        this.domain = domain;
        this.inboxEnabled = inboxEnabled;
    }
}
