package io.buyersignals.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.contract.AlertJson;
import io.buyersignals.contract.ContextJson;
import io.buyersignals.contract.OutcomeJson;
import io.buyersignals.contract.SignalJson;
import io.buyersignals.model.AlertResolution;
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.ChatEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.LineItem;
import io.buyersignals.spec.RulesSpec;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The job's buyer function against the independent specification of the rules ({@link RulesSpec}), on random
 * workloads built to hit the rules' edges: instants exactly 7 and 14 days apart, several inputs at one instant,
 * re-delivered inputs, deleted and completed checkouts, and inputs that arrive late, after the watermark has
 * passed them (by up to three weeks), some while the watermark sits exactly on a deadline. A failure names its
 * seed; rerun one with {@code -Dspec.seed=N}.
 */
class RulesSpecPropertyTest {
    private static final long DAY = 86_400_000L;
    private static final long BOUND = 5_000;
    private static final int RUNS = 600;
    private static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    /** Days where rules meet: 7 and 14 days apart in many combinations. */
    private static final long[] DAYS = {0, 1, 6, 7, 8, 13, 14, 15, 21, 28};
    /** Mostly the exact instant, so that inputs tie and deadlines coincide. */
    private static final long[] OFFSETS = {0, 0, 0, 0, 1, 1_000, 3_000};

    private static final long[] LATE_BY = {BOUND + 1, DAY, 7 * DAY, 7 * DAY + 1, 14 * DAY, 15 * DAY, 21 * DAY};
    private static final String[] BUYERS = {"b-1", "b-2", "b-3"};

    private int lateArrivals;
    private long contexts;
    private long alertsRaised;
    private long outcomes;
    private long conversions;
    private long replies;
    private final Map<AlertResolution, Long> alertsResolved = new java.util.EnumMap<>(AlertResolution.class);

    @Test
    void theJobDoesWhatTheSpecificationSays() throws Exception {
        String only = System.getProperty("spec.seed");
        if (only != null) {
            check(Long.parseLong(only));
            return;
        }
        long signals = 0;
        for (long seed = 1; seed <= RUNS; seed++) {
            signals += check(seed);
        }
        assertThat(signals).as("the workloads exercise the rules").isGreaterThan(8L * RUNS);
        assertThat(lateArrivals).as("late inputs delivered").isGreaterThan(RUNS);
        assertThat(contexts).as("context records compared").isGreaterThan(8L * RUNS);
        assertThat(alertsRaised).as("alerts raised").isGreaterThan(RUNS / 10);
        assertThat(outcomes).as("outcomes compared").isGreaterThan(2L * RUNS);
        assertThat(conversions).as("converted conversations").isGreaterThan(RUNS / 10);
        assertThat(replies).as("conversations with a reply").isGreaterThan(RUNS / 10);
        assertThat(alertsResolved).as("alerts resolved, each way").containsOnlyKeys(AlertResolution.values());
    }

    /** The specification is the independent reference only as long as it shares no code with the rules. */
    @Test
    void theSpecificationSharesNoCodeWithTheRules() throws Exception {
        try (var sources = Files.list(Path.of("src/test/java/io/buyersignals/spec"))) {
            for (Path source : sources.toList()) {
                assertThat(Files.readString(source))
                        .as(source.toString())
                        .doesNotContainPattern("io\\.buyersignals\\.(rules|job)\\.[A-Za-z*]");
            }
        }
    }

    private int check(long seed) throws Exception {
        Random random = new Random(seed);
        List<RulesSpec.Delivery> deliveries = deliver(generate(random), random);
        // Waits that tie with the days of the grid, and waits that fall between its instants.
        long replyWait = seed % 2 == 0 ? DAY : 2_000;
        List<BuyerSignal> actual = new ArrayList<>();
        List<ConversationContext> actualContexts = new ArrayList<>();
        List<BuyerAlert> actualAlerts = new ArrayList<>();
        List<ConversationOutcome> actualOutcomes = new ArrayList<>();
        try (TimelineHarness harness = TimelineHarness.withReplyWait(Duration.ofMillis(replyWait))) {
            for (RulesSpec.Delivery delivery : deliveries) {
                if (delivery instanceof RulesSpec.Arrival arrival) {
                    harness.send(arrival.input());
                } else {
                    harness.watermark(((RulesSpec.Watermark) delivery).time());
                }
                actual.addAll(harness.take());
            }
            harness.watermark(Long.MAX_VALUE);
            actual.addAll(harness.take());
            actualContexts.addAll(harness.takeContexts());
            actualAlerts.addAll(harness.takeAlerts());
            actualOutcomes.addAll(harness.takeOutcomes());
        }
        RulesSpec.Output specified = RulesSpec.delivered(deliveries, Map.of(), replyWait);
        assertThat(byBuyer(actual)).as("seed %d", seed).isEqualTo(byBuyer(specified.signals()));
        assertThat(grouped(actualContexts, c -> c.buyerToken, RulesSpecPropertyTest::describe))
                .as("contexts, seed %d", seed)
                .isEqualTo(grouped(specified.contexts(), c -> c.buyerToken, RulesSpecPropertyTest::describe));
        assertThat(grouped(actualAlerts, a -> a.buyerToken, AlertJson::write))
                .as("alerts, seed %d", seed)
                .isEqualTo(grouped(specified.alerts(), a -> a.buyerToken, AlertJson::write));
        assertThat(grouped(actualOutcomes, o -> o.buyerToken, OutcomeJson::write))
                .as("outcomes, seed %d", seed)
                .isEqualTo(grouped(specified.outcomes(), o -> o.buyerToken, OutcomeJson::write));
        contexts += actualContexts.size();
        outcomes += actualOutcomes.size();
        conversions += actualOutcomes.stream().filter(o -> o.orders > 0).count();
        replies += actualOutcomes.stream().filter(o -> o.firstReplyAt != null).count();
        for (BuyerAlert alert : actualAlerts) {
            if (alert.resolution == null) {
                alertsRaised++;
            } else {
                alertsResolved.merge(alert.resolution, 1L, Long::sum);
            }
        }
        return actual.size();
    }

    /** A context record with its time, which the topic's bytes leave out for a tombstone. */
    private static String describe(ConversationContext c) {
        return c.asOf + " " + ContextJson.line(c);
    }

    private static <T> Map<String, List<String>> grouped(
            List<T> records, Function<T, String> buyer, Function<T, String> text) {
        Map<String, List<String>> grouped = new TreeMap<>();
        for (T record : records) {
            grouped.computeIfAbsent(buyer.apply(record), b -> new ArrayList<>()).add(text.apply(record));
        }
        return grouped;
    }

    private static Map<String, List<String>> byBuyer(List<BuyerSignal> signals) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        signals.stream().map(s -> s.buyerToken).distinct().sorted().forEach(b -> grouped.put(b, new ArrayList<>()));
        for (BuyerSignal s : signals) {
            grouped.get(s.buyerToken).add(SignalJson.write(s));
        }
        return grouped;
    }

    /**
     * Arrival order: each input at its time plus a delay within the bound, some much later; the watermark follows
     * the largest time seen minus the bound, now and then. An input that arrives after the watermark passed it is
     * late.
     */
    private List<RulesSpec.Delivery> deliver(List<Object> inputs, Random random) {
        List<long[]> arrival = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            long delay = random.nextInt(8) == 0
                    ? LATE_BY[random.nextInt(LATE_BY.length)]
                    : (long) (random.nextDouble() * BOUND);
            arrival.add(new long[] {timeOf(inputs.get(i)) + delay, i});
        }
        arrival.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
        List<RulesSpec.Delivery> deliveries = new ArrayList<>();
        long maxSeen = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        for (long[] a : arrival) {
            Object input = inputs.get((int) a[1]);
            if (timeOf(input) <= watermark) {
                lateArrivals++;
            }
            deliveries.add(new RulesSpec.Arrival(input));
            maxSeen = Math.max(maxSeen, a[0]);
            long next = random.nextBoolean() ? maxSeen - BOUND - 1 : onTheGrid(maxSeen - BOUND - 1);
            if (random.nextInt(3) == 0 && next > watermark) {
                watermark = next;
                deliveries.add(new RulesSpec.Watermark(watermark));
            }
        }
        return deliveries;
    }

    /** The latest instant of the inputs' grid not after {@code time}: a watermark exactly on a deadline. */
    private static long onTheGrid(long time) {
        long best = Long.MIN_VALUE;
        for (long day : DAYS) {
            for (long offset : OFFSETS) {
                for (long week = 0; week <= 3; week++) {
                    long instant = T0 + (day + 7 * week) * DAY + offset;
                    if (instant <= time) {
                        best = Math.max(best, instant);
                    }
                }
            }
        }
        return best;
    }

    private static long timeOf(Object input) {
        return input instanceof CheckoutRow row ? row.updatedAt : ((BuyerEvent) input).occurredAt;
    }

    private static long someTime(Random random) {
        return T0 + DAYS[random.nextInt(DAYS.length)] * DAY + OFFSETS[random.nextInt(OFFSETS.length)];
    }

    private static List<Object> generate(Random random) {
        List<Object> inputs = new ArrayList<>();
        int count = 20 + random.nextInt(50);
        int[] versions = new int[4];
        long[] lastUpdate = new long[4];
        for (int n = 0; n < count; n++) {
            String buyer = BUYERS[random.nextInt(BUYERS.length)];
            long at = someTime(random);
            String id = String.format("e%03d", n);
            switch (random.nextInt(10)) {
                case 0, 1, 2 ->
                    inputs.add(BuyerEvent.chat(
                            id,
                            42,
                            buyer,
                            at,
                            new ChatEvent(
                                    "conv-" + buyer + "-" + random.nextInt(3),
                                    ChatType.values()[random.nextInt(ChatType.values().length)],
                                    "chat")));
                case 3, 4, 5 -> inputs.add(cart(random, buyer, id, at));
                case 6, 7 -> {
                    int checkout = random.nextInt(versions.length);
                    CheckoutRow row = checkout(random, checkout, versions[checkout]++, lastUpdate[checkout]);
                    lastUpdate[checkout] = row.updatedAt;
                    inputs.add(row);
                }
                default -> {
                    if (!inputs.isEmpty()) {
                        inputs.add(inputs.get(random.nextInt(inputs.size()))); // a re-delivery
                    }
                }
            }
        }
        return inputs;
    }

    /** A snapshot of one of two carts; sometimes empty, sometimes the same quantities at another price. */
    private static BuyerEvent cart(Random random, String buyer, String id, long at) {
        List<LineItem> items = new ArrayList<>();
        for (long variant = 10; variant <= 30; variant += 10) {
            if (random.nextInt(3) > 0) {
                items.add(new LineItem(
                        variant,
                        variant / 10,
                        "Item " + variant,
                        1 + random.nextInt(2),
                        new BigDecimal(random.nextBoolean() ? "9.99" : "12.50")));
            }
        }
        return BuyerEvent.cart(
                id, 42, buyer, at, new CartSnapshot("c" + random.nextInt(2), "USD", items.toArray(new LineItem[0])));
    }

    /** The next version of one of four checkouts: open, completed with or without an order, or deleted. */
    private static CheckoutRow checkout(Random random, int checkout, int version, long lastUpdate) {
        CheckoutRow row = new CheckoutRow();
        row.id = 100 + checkout;
        row.shopId = 42;
        row.buyerToken = BUYERS[checkout % BUYERS.length];
        row.cartToken = "c" + (checkout % 2);
        row.currency = "USD";
        row.totalPrice = new BigDecimal("20.005");
        row.createdAt = T0 + DAYS[checkout] * DAY;
        row.updatedAt = version == 0
                ? row.createdAt
                : Math.max(lastUpdate, row.createdAt) + (random.nextBoolean() ? 7 * DAY : random.nextInt(3) * DAY);
        int fate = random.nextInt(6);
        if (version > 0 && fate <= 2) {
            row.completedAt = Math.max(row.createdAt, row.updatedAt - (fate == 0 ? 1_000 : 0));
            row.orderId = fate == 2 ? null : 900L + checkout;
            row.orderNumber = row.orderId == null ? null : "#" + row.orderId;
        } else if (version > 0 && fate == 3) {
            row.deleted = true;
        }
        return row;
    }
}
