package io.buyersignals.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Typed, validated access to the fields of one JSON object; each failure names the field and what is expected. */
final class Fields implements NamedValues {
    /** Far-off times are rejected deterministically so that they can never drive the watermark. */
    static final long EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    static final long LATEST_TIME = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,10}(\\.\\d{1,4})?");
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final JsonNode object;
    private final String path;

    Fields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private JsonNode present(String field) throws BadInput {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new BadInput(name(field) + " is required");
        }
        return node;
    }

    @Override
    public boolean absent(String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull();
    }

    @Override
    public String text(String field, int maxLength) throws BadInput {
        JsonNode node = present(field);
        if (!node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > maxLength) {
            throw new BadInput(name(field) + " must be a non-empty string of at most " + maxLength + " characters");
        }
        return node.textValue();
    }

    @Override
    public String currency(String field) throws BadInput {
        JsonNode node = present(field);
        if (!node.isTextual() || !CURRENCY.matcher(node.textValue()).matches()) {
            throw new BadInput(name(field) + " must be a three-letter upper-case ISO 4217 code");
        }
        return node.textValue();
    }

    @Override
    public long id(String field) throws BadInput {
        JsonNode node = present(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw new BadInput(name(field) + " must be a positive integer");
        }
        return node.longValue();
    }

    int integer(String field, int min, int max) throws BadInput {
        JsonNode node = present(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new BadInput(name(field) + " must be an integer from " + min + " to " + max);
        }
        return node.intValue();
    }

    @Override
    public boolean bool(String field) throws BadInput {
        JsonNode node = present(field);
        if (!node.isBoolean()) {
            throw new BadInput(name(field) + " must be true or false");
        }
        return node.booleanValue();
    }

    /** Money travels as a decimal string so that no float ever touches it. */
    @Override
    public BigDecimal money(String field) throws BadInput {
        JsonNode node = present(field);
        if (!node.isTextual() || !DECIMAL.matcher(node.textValue()).matches()) {
            throw new BadInput(name(field)
                    + " must be a non-negative decimal string with at most 10 integer and 4 fraction digits");
        }
        return new BigDecimal(node.textValue());
    }

    @Override
    public long timestamp(String field) throws BadInput {
        JsonNode node = present(field);
        long millis;
        try {
            millis = node.isTextual() ? Timestamps.parse(node.textValue()) : Long.MIN_VALUE;
        } catch (DateTimeParseException | ArithmeticException e) {
            millis = Long.MIN_VALUE;
        }
        if (millis == Long.MIN_VALUE) {
            throw new BadInput(name(field) + " must be an ISO-8601 UTC timestamp like 2026-11-22T10:15:30.123Z");
        }
        if (millis < EARLIEST_TIME || millis >= LATEST_TIME) {
            throw new BadInput(name(field) + " must be between 2000-01-01 and 2100-01-01");
        }
        return millis;
    }

    JsonNode array(String field, int maxSize) throws BadInput {
        JsonNode node = present(field);
        if (!node.isArray() || node.size() > maxSize) {
            throw new BadInput(name(field) + " must be an array of at most " + maxSize + " elements");
        }
        return node;
    }

    Fields element(JsonNode array, int index, String field) throws BadInput {
        JsonNode node = array.get(index);
        String elementPath = name(field) + "[" + index + "]";
        if (!node.isObject()) {
            throw new BadInput(elementPath + " must be an object");
        }
        return new Fields(node, elementPath);
    }
}
