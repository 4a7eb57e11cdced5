package io.buyersignals.json;

import java.math.BigDecimal;

/**
 * Typed, validated reading of a record's named values, whether they come as JSON fields or as a database row's
 * columns, so a document is checked by the same rules whichever way it arrives. Failures name the value.
 */
interface NamedValues {
    long id(String name) throws BadInput;

    Long optionalId(String name) throws BadInput;

    String text(String name, int maxLength) throws BadInput;

    String optionalText(String name, int maxLength) throws BadInput;

    String currency(String name) throws BadInput;

    BigDecimal money(String name) throws BadInput;

    long timestamp(String name) throws BadInput;

    Long optionalTimestamp(String name) throws BadInput;
}
