package io.buyersignals.contract;

import java.math.BigDecimal;

/**
 * Typed, validated reading of a record's named values, whether they come as JSON fields or as a database row's
 * columns, so a document is checked by the same rules whichever way it arrives. Failures name the value.
 */
interface NamedValues {
    /** Missing or null: an optional value that is not there. */
    boolean absent(String name);

    long id(String name) throws BadInput;

    default Long optionalId(String name) throws BadInput {
        return absent(name) ? null : id(name);
    }

    String text(String name, int maxLength) throws BadInput;

    default String optionalText(String name, int maxLength) throws BadInput {
        return absent(name) ? null : text(name, maxLength);
    }

    boolean bool(String name) throws BadInput;

    String currency(String name) throws BadInput;

    BigDecimal money(String name) throws BadInput;

    long timestamp(String name) throws BadInput;

    default Long optionalTimestamp(String name) throws BadInput {
        return absent(name) ? null : timestamp(name);
    }
}
