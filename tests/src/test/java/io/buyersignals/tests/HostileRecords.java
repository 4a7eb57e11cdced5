package io.buyersignals.tests;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.contract.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Records that break the contract in every way a careless or hostile producer could: not JSON, not UTF-8, not an
 * object, wrong types, missing and null fields, unknown schema or version, impossible quantities and prices,
 * timestamps far off, duplicate keys, deep nesting, megabyte payloads. Each is built around a valid document, so it
 * is rejected for exactly the thing that is wrong with it.
 */
final class HostileRecords {
    /** One broken record for the cart (or chat) topic, and what is wrong with it. */
    record Hostile(boolean chat, String buyer, byte[] value, String kind) {
        /** What its dead letter's error must say: the contract's reason for rejecting this kind. */
        String expectedError() {
            String expected = EXPECTED_ERRORS.get(kind);
            if (expected == null) {
                throw new IllegalStateException("No expected error for the kind " + kind);
            }
            return expected;
        }
    }

    /** Each kind's reason, as the contract words it (docs/contract.md, "Bad input"; a substring of the error). */
    private static final Map<String, String> EXPECTED_ERRORS = Map.ofEntries(
            Map.entry("truncated JSON", "record is not valid JSON"),
            Map.entry("not JSON at all", "record is not valid JSON"),
            Map.entry("a JSON array", "record must be a JSON object"),
            Map.entry("a JSON string", "record must be a JSON object"),
            Map.entry("JSON null", "record must be a JSON object"),
            Map.entry("trailing garbage", "record is not valid JSON"),
            Map.entry("invalid UTF-8", "record is not valid UTF-8"),
            Map.entry("an empty record", "record must be a JSON object"),
            Map.entry("shop_id as a string", "shop_id must be a positive integer"),
            Map.entry("a negative shop_id", "shop_id must be a positive integer"),
            Map.entry("a shop_id beyond a long", "shop_id must be a positive integer"),
            Map.entry("a missing buyer_token", "buyer_token is required"),
            Map.entry("a null conversation_id", "conversation_id is required"),
            Map.entry("a missing line_items", "line_items is required"),
            Map.entry("line_items as an object", "line_items must be an array"),
            Map.entry("an unknown schema", "schema must be cart_snapshot, not cart_snapshot_v2"),
            Map.entry("version 2", "version 2 of chat_event is not supported"),
            Map.entry("version as a string", "version must be an integer"),
            Map.entry("an unknown chat type", "type must be one of"),
            Map.entry("an upper-case chat type", "type must be lower case"),
            Map.entry("a negative quantity", "line_items[0].quantity must be an integer from 1 to 100000"),
            Map.entry("a zero quantity", "line_items[0].quantity must be an integer from 1 to 100000"),
            Map.entry("a quantity above 100000", "line_items[0].quantity must be an integer from 1 to 100000"),
            Map.entry("a huge quantity", "line_items[0].quantity must be an integer from 1 to 100000"),
            Map.entry("a fractional quantity", "line_items[0].quantity must be an integer from 1 to 100000"),
            Map.entry("a price that is not a decimal", "line_items[0].unit_price must be a non-negative decimal"),
            Map.entry("a price as a JSON number", "line_items[0].unit_price must be a non-negative decimal"),
            Map.entry("a negative price", "line_items[0].unit_price must be a non-negative decimal"),
            Map.entry("a price in exponent form", "line_items[0].unit_price must be a non-negative decimal"),
            Map.entry("a title of 2000 characters", "line_items[0].title must be a non-empty string of at most"),
            Map.entry("a 1 MiB record", "line_items[0].title must be a non-empty string of at most"),
            Map.entry("a variant listed twice", "line_items lists variant_id 11 more than once"),
            Map.entry("501 line items", "line_items must be an array of at most 500 elements"),
            Map.entry("the year 3000", "occurred_at must be between 2000-01-01 and 2100-01-01"),
            Map.entry("the year 1999", "occurred_at must be between 2000-01-01 and 2100-01-01"),
            Map.entry("a date that is not a time", "occurred_at must be an ISO-8601 UTC timestamp"),
            Map.entry("a time as a number", "occurred_at must be an ISO-8601 UTC timestamp"),
            Map.entry("a time far in the future", "occurred_at is more than"),
            Map.entry("a duplicate key", "Duplicate field 'shop_id'"),
            Map.entry("nesting deeper than 1000", "nesting depth"),
            Map.entry("a deeply nested field", "channel must be a non-empty string"));

    private static final String FAR_FUTURE = "2099-06-01T00:00:00.000Z";

    private final Random random;
    private int count;

    HostileRecords(long seed) {
        this.random = new Random(seed);
    }

    private ObjectNode cart() {
        ObjectNode doc = Json.MAPPER
                .createObjectNode()
                .put("schema", "cart_snapshot")
                .put("version", 1)
                .put("event_id", "hostile-" + ++count)
                .put("shop_id", 1)
                .put("buyer_token", "b-hostile-" + count % 7)
                .put("cart_token", "c-hostile")
                .put("occurred_at", "2026-10-01T08:00:00.000Z")
                .put("currency", "USD");
        doc.putArray("line_items")
                .addObject()
                .put("variant_id", 11)
                .put("product_id", 1)
                .put("title", "Mug")
                .put("quantity", 1)
                .put("unit_price", "9.50");
        return doc;
    }

    private ObjectNode chat() {
        return Json.MAPPER
                .createObjectNode()
                .put("schema", "chat_event")
                .put("version", 1)
                .put("event_id", "hostile-" + ++count)
                .put("shop_id", 1)
                .put("buyer_token", "b-hostile-" + count % 7)
                .put("conversation_id", "conv-hostile")
                .put("type", "buyer_message")
                .put("occurred_at", "2026-10-01T08:00:00.000Z");
    }

    private static ObjectNode item(ObjectNode cart) {
        return (ObjectNode) cart.get("line_items").get(0);
    }

    private static final List<Function<HostileRecords, Hostile>> KINDS = List.of(
            h -> h.text(false, "truncated JSON", h.cart().toString().substring(0, 40)),
            h -> h.text(true, "not JSON at all", "buyer said hi"),
            h -> h.text(false, "a JSON array", "[1,2,3]"),
            h -> h.text(true, "a JSON string", "\"chat\""),
            h -> h.text(false, "JSON null", "null"),
            h -> h.text(true, "trailing garbage", h.chat() + " }"),
            h -> new Hostile(
                    false, "b-hostile", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "invalid UTF-8"),
            h -> new Hostile(true, "b-hostile", new byte[0], "an empty record"),
            h -> h.json(false, "shop_id as a string", h.cart().put("shop_id", "1")),
            h -> h.json(false, "a negative shop_id", h.cart().put("shop_id", -1)),
            h -> h.json(
                    false,
                    "a shop_id beyond a long",
                    h.cart().put("shop_id", new java.math.BigInteger("10".repeat(30)))),
            h -> h.json(true, "a missing buyer_token", h.chat().without("buyer_token")),
            h -> h.json(true, "a null conversation_id", h.chat().putNull("conversation_id")),
            h -> h.json(false, "a missing line_items", h.cart().without("line_items")),
            h -> h.json(false, "line_items as an object", h.cart().set("line_items", Json.MAPPER.createObjectNode())),
            h -> h.json(false, "an unknown schema", h.cart().put("schema", "cart_snapshot_v2")),
            h -> h.json(true, "version 2", h.chat().put("version", 2)),
            h -> h.json(true, "version as a string", h.chat().put("version", "1")),
            h -> h.json(true, "an unknown chat type", h.chat().put("type", "buyer_typing")),
            h -> h.json(true, "an upper-case chat type", h.chat().put("type", "BUYER_MESSAGE")),
            h -> h.cartWithItem("a negative quantity", item -> item.put("quantity", -3)),
            h -> h.cartWithItem("a zero quantity", item -> item.put("quantity", 0)),
            h -> h.cartWithItem("a quantity above 100000", item -> item.put("quantity", 100_001)),
            h -> h.cartWithItem(
                    "a huge quantity", item -> item.put("quantity", new java.math.BigInteger("90".repeat(20)))),
            h -> h.cartWithItem("a fractional quantity", item -> item.put("quantity", 1.5)),
            h -> h.cartWithItem("a price that is not a decimal", item -> item.put("unit_price", "abc")),
            h -> h.cartWithItem("a price as a JSON number", item -> item.put("unit_price", 9.5)),
            h -> h.cartWithItem("a negative price", item -> item.put("unit_price", "-9.50")),
            h -> h.cartWithItem("a price in exponent form", item -> item.put("unit_price", "1e3")),
            h -> h.cartWithItem("a title of 2000 characters", item -> item.put("title", "x".repeat(2000))),
            h -> h.json(false, "a variant listed twice", h.twice()),
            h -> h.json(false, "501 line items", h.manyItems(501)),
            h -> h.json(true, "the year 3000", h.chat().put("occurred_at", "3000-01-01T00:00:00.000Z")),
            h -> h.json(true, "the year 1999", h.chat().put("occurred_at", "1999-12-31T23:59:59.999Z")),
            h -> h.json(true, "a date that is not a time", h.chat().put("occurred_at", "yesterday")),
            h -> h.json(false, "a time as a number", h.cart().put("occurred_at", 1_790_000_000_000L)),
            h -> h.json(true, "a time far in the future", h.chat().put("occurred_at", FAR_FUTURE)),
            h -> h.text(false, "a duplicate key", h.cart().toString().replaceFirst("\\{", "{\"shop_id\":2,")),
            h -> h.text(true, "nesting deeper than 1000", "[".repeat(1500) + "]".repeat(1500)),
            h -> h.json(true, "a deeply nested field", h.chat().set("channel", h.nested(900))));

    /** The next hostile record, of a kind drawn by the seed. */
    Hostile next() {
        return KINDS.get(random.nextInt(KINDS.size())).apply(this);
    }

    /** A cart snapshot of about 1 MiB: a title far beyond its limit. */
    Hostile megabyte() {
        ObjectNode cart = cart();
        item(cart).put("title", "y".repeat(1024 * 1024));
        return json(false, "a 1 MiB record", cart);
    }

    private Hostile text(boolean chat, String kind, String text) {
        return new Hostile(chat, "b-hostile-" + count % 7, text.getBytes(StandardCharsets.UTF_8), kind);
    }

    private Hostile json(boolean chat, String kind, ObjectNode doc) {
        return text(chat, kind, doc.toString());
    }

    private Hostile cartWithItem(String kind, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode cart = cart();
        change.accept(item(cart));
        return json(false, kind, cart);
    }

    private ObjectNode twice() {
        ObjectNode cart = cart();
        ((ArrayNode) cart.get("line_items")).add(item(cart).deepCopy());
        return cart;
    }

    private ObjectNode manyItems(int n) {
        ObjectNode cart = cart();
        ArrayNode items = cart.putArray("line_items");
        for (int i = 1; i <= n; i++) {
            items.addObject()
                    .put("variant_id", i)
                    .put("product_id", i)
                    .put("title", "Item")
                    .put("quantity", 1)
                    .put("unit_price", "1.00");
        }
        return cart;
    }

    private ObjectNode nested(int depth) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode node = root;
        for (int i = 0; i < depth; i++) {
            node = node.putObject("n");
        }
        return root;
    }
}
