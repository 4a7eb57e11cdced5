package io.buyersignals.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.buyersignals.contract.Json;
import io.buyersignals.model.ShopRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes rows given in the replay's JSON-lines form into the real tables, as the shop application would. */
public final class CheckoutTable {
    private static final String[] CHECKOUT_COLUMNS = {
        "id",
        "shop_id",
        "buyer_token",
        "cart_token",
        "currency",
        "total_price",
        "order_id",
        "order_number",
        "created_at",
        "updated_at",
        "completed_at"
    };
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private CheckoutTable() {}

    /**
     * A time as the table's DATETIME(3) columns take it, milliseconds included. The JDBC driver's setTimestamp
     * dropped them in the benchmark: a checkout at 16:51:15.696 was stored at 16:51:15.000.
     */
    public static String datetime(long epochMillis) {
        return DATETIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Inserts the row version, or updates the row to it: one binlog event either way. */
    public static void upsert(Connection connection, String jsonLine) throws Exception {
        JsonNode row = Json.MAPPER.readTree(jsonLine);
        StringBuilder sql = new StringBuilder("INSERT INTO checkouts (")
                .append(String.join(",", CHECKOUT_COLUMNS))
                .append(") VALUES (")
                .append("?,".repeat(CHECKOUT_COLUMNS.length - 1))
                .append("?) ON DUPLICATE KEY UPDATE ");
        for (int i = 1; i < CHECKOUT_COLUMNS.length; i++) {
            sql.append(i > 1 ? "," : "")
                    .append(CHECKOUT_COLUMNS[i])
                    .append("=VALUES(")
                    .append(CHECKOUT_COLUMNS[i])
                    .append(')');
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < CHECKOUT_COLUMNS.length; i++) {
                JsonNode value = row.get(CHECKOUT_COLUMNS[i]);
                String column = CHECKOUT_COLUMNS[i];
                if (value == null || value.isNull()) {
                    statement.setObject(i + 1, null);
                } else if (column.endsWith("_at")) {
                    statement.setString(
                            i + 1, datetime(Instant.parse(value.textValue()).toEpochMilli()));
                } else {
                    statement.setString(i + 1, value.asText());
                }
            }
            statement.executeUpdate();
        }
    }

    public static void insertShop(Connection connection, long id, String domain, boolean inboxEnabled)
            throws SQLException {
        insertShop(connection, new ShopRow(id, domain, inboxEnabled));
    }

    public static void insertShop(Connection connection, ShopRow shop) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO shops (id, domain, inbox_enabled, experiment_arm) VALUES (?, ?, ?, ?)")) {
            statement.setLong(1, shop.id);
            statement.setString(2, shop.domain);
            statement.setBoolean(3, shop.inboxEnabled);
            statement.setString(4, shop.experimentArm == null ? null : shop.experimentArm.wireName());
            statement.executeUpdate();
        }
    }
}
