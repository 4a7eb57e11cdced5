package io.buyersignals.model;

/** A row of the {@code shops} table. */
public class ShopRow implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public long id;
    public String domain;
    public boolean inboxEnabled;
    /** The row was deleted: the shop is unknown again. */
    public boolean deleted;

    public ShopRow() {}

    public ShopRow(long id, String domain, boolean inboxEnabled) {
        this.id = id;
        this.domain = domain;
        this.inboxEnabled = inboxEnabled;
    }
}
