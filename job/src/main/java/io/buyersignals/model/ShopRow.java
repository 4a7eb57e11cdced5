package io.buyersignals.model;

/** A row of the {@code shops} table. */
public class ShopRow implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public long id;
    public String domain;
    public boolean inboxEnabled;
    /** Null when the shop takes no part in an experiment. */
    public ExperimentArm experimentArm;
    /** The row was deleted: the shop is unknown again. */
    public boolean deleted;

    public ShopRow() {}

    public ShopRow(long id, String domain, boolean inboxEnabled) {
        this.id = id;
        this.domain = domain;
        this.inboxEnabled = inboxEnabled;
    }

    public ShopRow(long id, String domain, boolean inboxEnabled, ExperimentArm experimentArm) {
        this(id, domain, inboxEnabled);
        this.experimentArm = experimentArm;
    }
}
