package io.buyersignals.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.cdc.CdcChange;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Table rows from CDC: mapped by column name, checked like the file rows, and dead letters when they break rules. */
class TableRowsTest {
    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-11-22T10:05:00Z");

    private static Map<String, Object> checkoutColumns() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 9101L);
        row.put("shop_id", 42L);
        row.put("buyer_token", "b-7");
        row.put("cart_token", null);
        row.put("currency", "USD");
        row.put("total_price", new BigDecimal("120.00"));
        row.put("order_id", null);
        row.put("order_number", null);
        row.put("created_at", CREATED);
        row.put("updated_at", UPDATED);
        row.put("completed_at", null);
        return row;
    }

    private static Parsed<CheckoutRow> checkout(CdcChange.Op op, Map<String, Object> columns, long changedAt) {
        return TableRows.CHECKOUTS.map(new CdcChange(op, "checkouts", columns, changedAt, "raw change"));
    }

    @Test
    void aCheckoutRowVersionIsMappedByColumnName() {
        Parsed<CheckoutRow> parsed = checkout(CdcChange.Op.INSERT, checkoutColumns(), UPDATED.toEpochMilli());
        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.fromSnapshot).isFalse();
        CheckoutRow row = parsed.value;
        assertThat(row.id).isEqualTo(9101);
        assertThat(row.key().toString()).isEqualTo("42/b-7");
        assertThat(row.cartToken).isNull();
        assertThat(row.totalPrice).isEqualByComparingTo("120.00");
        assertThat(row.createdAt).isEqualTo(CREATED.toEpochMilli());
        assertThat(row.updatedAt).isEqualTo(UPDATED.toEpochMilli());
        assertThat(row.completedAt).isNull();
        assertThat(row.orderId).isNull();
        assertThat(row.deleted).isFalse();
    }

    @Test
    void snapshotRowsAreMarkedSoTheyDoNotMoveTheWatermark() {
        assertThat(checkout(CdcChange.Op.SNAPSHOT, checkoutColumns(), 0).fromSnapshot)
                .isTrue();
    }

    @Test
    void aDeleteHappensWhenTheBinlogSaysAndKeepsOnlyTheKey() {
        Parsed<CheckoutRow> parsed = checkout(CdcChange.Op.DELETE, checkoutColumns(), UPDATED.toEpochMilli() + 60_000);
        assertThat(parsed.value.deleted).isTrue();
        assertThat(parsed.value.id).isEqualTo(9101);
        assertThat(parsed.value.updatedAt).isEqualTo(UPDATED.toEpochMilli() + 60_000);
        assertThat(checkout(CdcChange.Op.DELETE, checkoutColumns(), 0).value.updatedAt)
                .as("no binlog time: the row's own")
                .isEqualTo(UPDATED.toEpochMilli());
    }

    @Test
    void aRowThatBreaksTheContractIsADeadLetterNamingTheProblem() {
        Map<String, Object> backwards = checkoutColumns();
        backwards.put("updated_at", CREATED.minusSeconds(1));
        assertThat(checkout(CdcChange.Op.UPDATE, backwards, 0).deadLetter.error)
                .isEqualTo("updated_at precedes created_at");
        Map<String, Object> completedLater = checkoutColumns();
        completedLater.put("completed_at", UPDATED.plusSeconds(1));
        assertThat(checkout(CdcChange.Op.UPDATE, completedLater, 0).deadLetter.error)
                .isEqualTo("completed_at is later than updated_at");
        Map<String, Object> noBuyer = checkoutColumns();
        noBuyer.put("buyer_token", null);
        Parsed<CheckoutRow> parsed = checkout(CdcChange.Op.INSERT, noBuyer, 0);
        assertThat(parsed.deadLetter.error).isEqualTo("buyer_token is required");
        assertThat(parsed.deadLetter.source).isEqualTo("mysql:checkouts");
        assertThat(parsed.deadLetter.reason).isEqualTo(DeadLetter.Reason.CONTRACT);
        assertThat(parsed.deadLetter.raw).isEqualTo("raw change");
        Map<String, Object> lowerCase = checkoutColumns();
        lowerCase.put("currency", "usd");
        assertThat(checkout(CdcChange.Op.UPDATE, lowerCase, 0).deadLetter.error)
                .as("the same rule as for the JSON rows")
                .isEqualTo("currency must be a three-letter upper-case ISO 4217 code");
        Map<String, Object> farFuture = checkoutColumns();
        farFuture.put("updated_at", Instant.parse("3000-01-01T00:00:00Z"));
        assertThat(checkout(CdcChange.Op.UPDATE, farFuture, 0).deadLetter.error)
                .isEqualTo("updated_at must be between 2000-01-01 and 2100-01-01");
    }

    @Test
    void aShopRowReadsMySqlBooleansAsTinyIntsAndADeleteForgetsTheShop() {
        Map<String, Object> columns =
                new HashMap<>(Map.of("id", 42L, "domain", "shop.example", "inbox_enabled", (short) 0));
        Parsed<ShopRow> shop = TableRows.SHOPS.map(new CdcChange(CdcChange.Op.UPDATE, "shops", columns, 0, "raw"));
        assertThat(shop.value.inboxEnabled).isFalse();
        assertThat(shop.value.deleted).isFalse();
        assertThat(shop.value.experimentArm).isNull();
        columns.put("experiment_arm", "treatment");
        assertThat(TableRows.SHOPS.map(new CdcChange(CdcChange.Op.UPDATE, "shops", columns, 0, "raw"))
                        .value
                        .experimentArm)
                .isEqualTo(io.buyersignals.model.ExperimentArm.TREATMENT);
        columns.put("inbox_enabled", true);
        assertThat(TableRows.SHOPS.map(new CdcChange(CdcChange.Op.DELETE, "shops", columns, 0, "raw")).value.deleted)
                .isTrue();
        columns.put("domain", "");
        assertThat(TableRows.SHOPS.map(new CdcChange(CdcChange.Op.SNAPSHOT, "shops", columns, 0, "raw"))
                        .deadLetter
                        .error)
                .isEqualTo("domain must be a non-empty string of at most 255 characters");
        DeadLetter undecodable = TableRows.SHOPS.undecodable("raw", "change could not be decoded").deadLetter;
        assertThat(undecodable.source).isEqualTo("mysql:shops");
        assertThat(undecodable.reason).isEqualTo(DeadLetter.Reason.UNREADABLE);
    }
}
