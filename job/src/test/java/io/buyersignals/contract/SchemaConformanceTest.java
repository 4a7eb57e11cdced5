package io.buyersignals.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.SortedReplay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schemas and the code agree: what the readers accept conforms, and everything written conforms. */
class SchemaConformanceTest {
    private static final Path SAMPLE = Path.of("sample");

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(SAMPLE.resolve(file), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
    }

    private static <T> List<T> read(String file, RecordReader<T> reader, String schema, List<DeadLetter> rejected)
            throws IOException {
        List<T> values = new ArrayList<>();
        for (String line : lines(file)) {
            Parsed<T> parsed = reader.parse(line, file, null, null);
            if (parsed.isValid()) {
                assertThat(Schemas.violations(schema, line))
                        .as("%s accepted by the reader: %s", schema, line)
                        .isEmpty();
                values.add(parsed.value);
            } else {
                rejected.add(parsed.deadLetter);
            }
        }
        return values;
    }

    @Test
    void everySampleInputTheReadersAcceptConformsAndEveryOutputConforms() throws IOException {
        List<DeadLetter> rejected = new ArrayList<>();
        List<BuyerEvent> events =
                new ArrayList<>(read("cart-events.jsonl", Readers.CART_SNAPSHOT, "cart_snapshot", rejected));
        events.addAll(read("chat-events.jsonl", Readers.CHAT_EVENT, "chat_event", rejected));
        List<CheckoutRow> rows = read("checkouts.jsonl", Readers.CHECKOUT_ROW, "checkout_row", rejected);
        Map<Long, ShopRow> shops = new HashMap<>();
        read("shops.jsonl", Readers.SHOP_ROW, "shop_row", rejected).forEach(s -> shops.put(s.id, s));

        List<BuyerSignal> signals = new ArrayList<>(SortedReplay.run(rows, events, shops));
        signals.addAll(SortedReplay.run(rows, events, Map.of())); // unknown shops: admin_url is null
        assertThat(signals).extracting(s -> s.type).contains(io.buyersignals.model.SignalType.values());
        assertThat(signals).anyMatch(s -> s.order != null && s.order.adminUrl == null);
        for (BuyerSignal signal : signals) {
            String json = SignalJson.write(signal);
            assertThat(Schemas.violations("buyer_signal", json)).as(json).isEmpty();
        }
        assertThat(rejected).isNotEmpty();
        for (DeadLetter letter : rejected) {
            String json = DeadLetterJson.write(letter);
            assertThat(Schemas.violations("dead_letter", json)).as(json).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"schema\":\"cart_snapshot\",\"version\":1}",
                "{\"schema\":\"cart_snapshot\",\"version\":2,\"event_id\":\"e\",\"shop_id\":1,\"buyer_token\":\"b\","
                        + "\"cart_token\":\"c\",\"occurred_at\":\"2026-11-22T10:15:30.123Z\",\"currency\":\"USD\","
                        + "\"line_items\":[]}",
                "{\"schema\":\"cart_snapshot\",\"version\":1,\"event_id\":\"e\",\"shop_id\":1,\"buyer_token\":\"b\","
                        + "\"cart_token\":\"c\",\"occurred_at\":\"2026-11-22T10:15:30.123Z\",\"currency\":\"USD\","
                        + "\"line_items\":[{\"variant_id\":1,\"product_id\":1,\"title\":\"t\",\"quantity\":0,"
                        + "\"unit_price\":\"1.00\"}]}",
                "{\"schema\":\"cart_snapshot\",\"version\":1,\"event_id\":\"e\",\"shop_id\":0,\"buyer_token\":\"b\","
                        + "\"cart_token\":\"c\",\"occurred_at\":\"2026-11-22T10:15:30.123Z\",\"currency\":\"USD\","
                        + "\"line_items\":[]}",
                "{\"schema\":\"cart_snapshot\",\"version\":1,\"event_id\":\"e\",\"shop_id\":1,\"buyer_token\":\"b\","
                        + "\"cart_token\":\"c\",\"occurred_at\":\"2026-11-22\",\"currency\":\"USD\",\"line_items\":[]}",
            })
    void aCartSnapshotTheSchemaRejectsIsADeadLetterToo(String json) {
        assertThat(Schemas.violations("cart_snapshot", json)).isNotEmpty();
        assertThat(Readers.CART_SNAPSHOT.parse(json, "cart-events", null, null).isValid())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"schema\":\"chat_event\",\"version\":1,\"event_id\":\"e\",\"shop_id\":1,\"buyer_token\":\"b\","
                        + "\"conversation_id\":\"c\",\"type\":\"typing\",\"occurred_at\":\"2026-11-22T10:15:30.123Z\"}",
                "{\"schema\":\"chat_event\",\"version\":1,\"event_id\":\"e\",\"shop_id\":1,\"buyer_token\":\"b\","
                        + "\"type\":\"buyer_message\",\"occurred_at\":\"2026-11-22T10:15:30.123Z\"}",
            })
    void aChatEventTheSchemaRejectsIsADeadLetterToo(String json) {
        assertThat(Schemas.violations("chat_event", json)).isNotEmpty();
        assertThat(Readers.CHAT_EVENT.parse(json, "chat-events", null, null).isValid())
                .isFalse();
    }
}
