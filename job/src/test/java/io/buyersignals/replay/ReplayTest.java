package io.buyersignals.replay;

import static io.buyersignals.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buyersignals.contract.AlertJson;
import io.buyersignals.contract.ContextJson;
import io.buyersignals.contract.DeadLetterJson;
import io.buyersignals.contract.OutcomeJson;
import io.buyersignals.contract.Readers;
import io.buyersignals.contract.RecordReader;
import io.buyersignals.contract.Schemas;
import io.buyersignals.job.Main;
import io.buyersignals.job.UsageException;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import io.buyersignals.spec.RulesSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command runs the real topology over files; its output depends on the files only. */
class ReplayTest {
    private static final Path SAMPLE = Path.of("sample");
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static List<String> expected(String file) throws Exception {
        return Files.readAllLines(SAMPLE.resolve("expected").resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void theSampleReplaysToExactlyTheExpectedSignalsAndDeadLetters(@TempDir Path out) throws Exception {
        Path signals = out.resolve("signals.jsonl");
        Main.run(new String[] {"replay", "--input", SAMPLE.toString(), "--output", signals.toString()});

        List<String> written = Files.readAllLines(signals, StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(expected("signals.jsonl"));
        assertThat(Files.readAllLines(out.resolve("signals.dead-letters.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(expected("dead-letters.jsonl"));
        for (String line : written) {
            assertThat(Schemas.violations("buyer_signal", line)).as(line).isEmpty();
        }
        List<String> contexts = Files.readAllLines(out.resolve("signals.context.jsonl"), StandardCharsets.UTF_8);
        assertThat(contexts).isEqualTo(expected("context.jsonl"));
        for (String line : contexts) {
            if (!line.contains("\"tombstone\":true")) {
                assertThat(Schemas.violations("buyer_context", line)).as(line).isEmpty();
            }
        }
        List<String> alerts = Files.readAllLines(out.resolve("signals.alerts.jsonl"), StandardCharsets.UTF_8);
        assertThat(alerts).isEqualTo(expected("alerts.jsonl"));
        for (String line : alerts) {
            assertThat(Schemas.violations("buyer_alert", line)).as(line).isEmpty();
        }
        List<String> outcomes = Files.readAllLines(out.resolve("signals.outcomes.jsonl"), StandardCharsets.UTF_8);
        assertThat(outcomes).isEqualTo(expected("outcomes.jsonl"));
        for (String line : outcomes) {
            assertThat(Schemas.violations("conversation_outcome", line))
                    .as(line)
                    .isEmpty();
        }
        assertThat(outcomes)
                .as("the sample's conversations end every way, some replied to, some converted")
                .anyMatch(o -> o.contains("\"end_reason\":\"closed\""))
                .anyMatch(o -> o.contains("\"end_reason\":\"expired\""))
                .anyMatch(o -> o.contains("\"end_reason\":\"replaced\""))
                .anyMatch(o -> o.contains("\"replied\":true"))
                .anyMatch(o -> o.contains("\"converted\":true"));
        assertThat(alerts)
                .as("the sample raises alerts and resolves them every way")
                .anyMatch(a -> a.contains("\"resolution\":\"answered\""))
                .anyMatch(a -> a.contains("\"resolution\":\"ordered\""))
                .anyMatch(a -> a.contains("\"resolution\":\"conversation_ended\""));
    }

    /** The sample covers rule 9 (a disabled shop) and admin links, which the function alone does not see. */
    @Test
    void theSampleReplaysToWhatTheSpecificationOfTheRulesSays() throws Exception {
        Map<Long, ShopRow> shops = new HashMap<>();
        valid(Replay.SHOPS, Readers.SHOP_ROW).forEach(shop -> shops.put(shop.id, shop));
        List<BuyerEvent> events = new ArrayList<>(valid(Replay.CART_EVENTS, Readers.CART_SNAPSHOT));
        events.addAll(valid(Replay.CHAT_EVENTS, Readers.CHAT_EVENT));
        RulesSpec.Output specified = RulesSpec.sorted(
                valid(Replay.CHECKOUTS, Readers.CHECKOUT_ROW), events, shops, RulesSpec.DEFAULT_REPLY_WAIT);
        Replay.Result replayed = Replay.run(SAMPLE, BOUND, 2);
        assertThat(byConversation(json(replayed.signals()))).isEqualTo(byConversation(json(specified.signals())));
        assertThat(replayed.contexts().stream().map(ContextJson::line).toList())
                .isEqualTo(specified.contexts().stream().map(ContextJson::line).toList());
        assertThat(replayed.alerts().stream().map(AlertJson::write).toList())
                .isEqualTo(specified.alerts().stream().map(AlertJson::write).toList());
        assertThat(replayed.outcomes().stream().map(OutcomeJson::write).toList())
                .isEqualTo(specified.outcomes().stream().map(OutcomeJson::write).toList());
    }

    private static <T> List<T> valid(String file, RecordReader<T> reader) throws Exception {
        return Files.readAllLines(SAMPLE.resolve(file), StandardCharsets.UTF_8).stream()
                .map(line -> reader.parse(line, file, null, 0L))
                .filter(Parsed::isValid)
                .map(p -> p.value)
                .toList();
    }

    private static Map<String, List<String>> byConversation(List<String> signals) {
        Map<String, List<String>> grouped = new TreeMap<>();
        for (String signal : signals) {
            grouped.computeIfAbsent(
                            signal.replaceAll(".*\"conversation_id\":\"([^\"]*)\".*", "$1"), c -> new ArrayList<>())
                    .add(signal);
        }
        return grouped;
    }

    @Test
    void theOutputIsTheSameAtAnyParallelism() throws Exception {
        Replay.Result one = Replay.run(SAMPLE, BOUND, 1);
        Replay.Result four = Replay.run(SAMPLE, BOUND, 4);
        assertThat(json(four.signals())).isEqualTo(json(one.signals())).isEqualTo(expected("signals.jsonl"));
        assertThat(four.deadLetters().stream().map(DeadLetterJson::write).toList())
                .isEqualTo(expected("dead-letters.jsonl"));
        assertThat(four.contexts().stream().map(ContextJson::line).toList())
                .isEqualTo(one.contexts().stream().map(ContextJson::line).toList())
                .isEqualTo(expected("context.jsonl"));
        assertThat(four.alerts().stream().map(AlertJson::write).toList())
                .isEqualTo(one.alerts().stream().map(AlertJson::write).toList())
                .isEqualTo(expected("alerts.jsonl"));
        assertThat(four.outcomes().stream().map(OutcomeJson::write).toList())
                .isEqualTo(one.outcomes().stream().map(OutcomeJson::write).toList())
                .isEqualTo(expected("outcomes.jsonl"));
    }

    @Test
    void anyInputFileMayBeMissing(@TempDir Path input) throws Exception {
        Files.copy(SAMPLE.resolve(Replay.CHAT_EVENTS), input.resolve(Replay.CHAT_EVENTS));
        Files.copy(SAMPLE.resolve(Replay.CHECKOUTS), input.resolve(Replay.CHECKOUTS));
        Replay.Result result = Replay.run(input, BOUND, 2);
        assertThat(result.signals())
                .extracting(s -> s.conversationId + " " + s.type.wireName() + " " + s.timing.wireName() + " "
                        + (s.checkout != null ? s.checkout.checkoutId : s.order.orderId))
                .as("no carts; and without shops.jsonl the disabled shop 44 and the control shop 45 are unknown, so"
                        + " admitted and shown")
                .containsExactly(
                        "conv-a1 checkout_started post_conversation 9301",
                        "conv-a1 order_completed post_conversation 7301",
                        "conv-b1 order_completed pre_conversation 7102",
                        "conv-e1 checkout_started post_conversation 9201",
                        "conv-e2 checkout_started pre_conversation 9201",
                        "conv-g1 checkout_started post_conversation 9701",
                        "conv-g1 order_completed post_conversation 7701",
                        "conv-g2 order_completed pre_conversation 7701",
                        "conv-c1 checkout_started post_conversation 9501",
                        "conv-d1 checkout_started post_conversation 9401",
                        "conv-h1 checkout_started post_conversation 9801",
                        "conv-h1 order_completed post_conversation 7801");
        assertThat(result.deadLetters())
                .extracting(d -> d.source)
                .containsExactly(Replay.CHAT_EVENTS, Replay.CHECKOUTS);
    }

    @Test
    void aMissingInputDirectoryIsOneClearSentence(@TempDir Path parent) {
        Path missing = parent.resolve("nope");
        assertThatThrownBy(() -> Main.run(new String[] {
                    "replay",
                    "--input",
                    missing.toString(),
                    "--output",
                    parent.resolve("out.jsonl").toString()
                }))
                .isInstanceOf(UsageException.class)
                .hasMessage("replay --input must be an existing directory (holding cart-events.jsonl, "
                        + "chat-events.jsonl, checkouts.jsonl and/or shops.jsonl), but " + missing + " is not");
    }
}
