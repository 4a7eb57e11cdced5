package io.buyersignals.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Typed access to a database row's columns by name; failures name the column, like {@link Fields}. */
final class Columns implements NamedValues {
    private final Map<String, Object> row;

    Columns(Map<String, Object> row) {
        this.row = row;
    }

    @Override
    public boolean absent(String column) {
        return row.get(column) == null;
    }

    private Object present(String column) throws BadInput {
        Object value = row.get(column);
        if (value == null) {
            throw new BadInput(column + " is required");
        }
        return value;
    }

    @Override
    public long id(String column) throws BadInput {
        Object value = present(column);
        if (!(value instanceof Number n) || value instanceof BigDecimal || n.longValue() <= 0) {
            throw new BadInput(column + " must be a positive integer");
        }
        return n.longValue();
    }

    @Override
    public String text(String column, int maxLength) throws BadInput {
        Object value = present(column);
        if (!(value instanceof String s) || s.isEmpty() || s.length() > maxLength) {
            throw new BadInput(column + " must be a non-empty string of at most " + maxLength + " characters");
        }
        return s;
    }

    @Override
    public String currency(String column) throws BadInput {
        String code = text(column, 3);
        if (!Fields.CURRENCY.matcher(code).matches()) {
            throw new BadInput(column + " must be a three-letter upper-case ISO 4217 code");
        }
        return code;
    }

    @Override
    public BigDecimal money(String column) throws BadInput {
        Object value = present(column);
        if (!(value instanceof BigDecimal d)) {
            throw new BadInput(column + " must be a DECIMAL");
        }
        return d;
    }

    @Override
    public long timestamp(String column) throws BadInput {
        Object value = present(column);
        if (!(value instanceof Instant instant)) {
            throw new BadInput(column + " must be a DATETIME");
        }
        long millis = instant.toEpochMilli();
        if (millis < Fields.EARLIEST_TIME || millis >= Fields.LATEST_TIME) {
            throw new BadInput(column + " must be between 2000-01-01 and 2100-01-01");
        }
        return millis;
    }

    /** MySQL's BOOLEAN is TINYINT(1): Debezium may hand it over as a number. */
    @Override
    public boolean bool(String column) throws BadInput {
        Object value = present(column);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return n.longValue() != 0;
        }
        throw new BadInput(column + " must be a BOOLEAN");
    }
}
