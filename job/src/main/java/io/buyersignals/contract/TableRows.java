package io.buyersignals.contract;

import io.buyersignals.cdc.CdcChange;
import io.buyersignals.cdc.ChangeMapper;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;

/** Row changes of the checkouts and shops tables as job records; a row that breaks the contract is a dead letter. */
public final class TableRows {
    public static final String CHECKOUTS_SOURCE = "mysql:checkouts";
    public static final String SHOPS_SOURCE = "mysql:shops";

    public static final ChangeMapper<Parsed<CheckoutRow>> CHECKOUTS = new ChangeMapper<>() {
        @Override
        public Parsed<CheckoutRow> map(CdcChange change) {
            try {
                return wrap(change, checkout(change));
            } catch (BadInput e) {
                return Parsed.bad(
                        new DeadLetter(CHECKOUTS_SOURCE, null, null, e.reason(), e.getMessage(), change.raw()));
            }
        }

        @Override
        public Parsed<CheckoutRow> undecodable(String raw, String error) {
            return Parsed.bad(new DeadLetter(CHECKOUTS_SOURCE, null, null, DeadLetter.Reason.UNREADABLE, error, raw));
        }
    };

    public static final ChangeMapper<Parsed<ShopRow>> SHOPS = new ChangeMapper<>() {
        @Override
        public Parsed<ShopRow> map(CdcChange change) {
            try {
                ShopRow shop = ShopRows.read(new Columns(change.row()));
                shop.deleted = change.op() == CdcChange.Op.DELETE;
                return Parsed.ok(shop);
            } catch (BadInput e) {
                return Parsed.bad(new DeadLetter(SHOPS_SOURCE, null, null, e.reason(), e.getMessage(), change.raw()));
            }
        }

        @Override
        public Parsed<ShopRow> undecodable(String raw, String error) {
            return Parsed.bad(new DeadLetter(SHOPS_SOURCE, null, null, DeadLetter.Reason.UNREADABLE, error, raw));
        }
    };

    private TableRows() {}

    private static <T> Parsed<T> wrap(CdcChange change, T value) {
        return change.op() == CdcChange.Op.SNAPSHOT ? Parsed.fromSnapshot(value) : Parsed.ok(value);
    }

    static CheckoutRow checkout(CdcChange change) throws BadInput {
        Columns c = new Columns(change.row());
        if (change.op() != CdcChange.Op.DELETE) {
            return CheckoutRows.read(c);
        }
        // A delete has no version time of its own; it happened when the binlog says, after the last update.
        CheckoutRow row = CheckoutRows.key(c);
        row.deleted = true;
        row.updatedAt = Math.max(c.timestamp("updated_at"), change.changedAtMillis());
        return row;
    }
}
