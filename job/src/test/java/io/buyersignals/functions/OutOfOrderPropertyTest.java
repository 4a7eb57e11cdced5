package io.buyersignals.functions;

import static io.buyersignals.Fixtures.DAY;
import static io.buyersignals.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.Fixtures;
import io.buyersignals.contract.SignalJson;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.rules.SortedReplay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rule 6 as a property: random inputs for several buyers, delivered in random orders within the out-of-orderness
 * bound (with bounded-out-of-orderness watermarks), give exactly what the rules give when applied in sorted order.
 * A failure names its seed; rerun one with {@code -Dproperty.seed=N}.
 */
class OutOfOrderPropertyTest {
    private static final long BOUND = 5_000;
    private static final int RUNS = 300;
    /** Instants where rules meet: conversation ends, the lookback edge, retention edges. */
    private static final long[] CLUSTERS = {
        0, DAY, 6 * DAY, 7 * DAY, 7 * DAY + 3_000, 13 * DAY, 14 * DAY, 15 * DAY, 21 * DAY, 28 * DAY
    };

    private static final String[] BUYERS = {"b-1", "b-2", "b-3"};

    @Test
    void arrivalOrderWithinTheBoundNeverChangesTheOutput() throws Exception {
        String only = System.getProperty("property.seed");
        if (only != null) {
            check(Long.parseLong(only));
            return;
        }
        long signals = 0;
        for (long seed = 1; seed <= RUNS; seed++) {
            signals += check(seed);
        }
        assertThat(signals)
                .as("the generator must exercise the rules, not produce silence")
                .isGreaterThan(5L * RUNS);
    }

    private int check(long seed) throws Exception {
        Random random = new Random(seed);
        List<Object> inputs = generate(random);
        List<BuyerEvent> events = new ArrayList<>();
        List<CheckoutRow> rows = new ArrayList<>();
        for (Object input : inputs) {
            if (input instanceof CheckoutRow row) {
                rows.add(row);
            } else {
                events.add((BuyerEvent) input);
            }
        }
        Map<String, List<String>> expected = byBuyer(SortedReplay.run(rows, events, Map.of()));

        List<Object> arrival = shuffleWithinBound(inputs, random);
        List<BuyerSignal> actual = new ArrayList<>();
        try (TimelineHarness harness = new TimelineHarness()) {
            long maxSeen = Long.MIN_VALUE;
            for (Object input : arrival) {
                harness.send(input);
                maxSeen = Math.max(maxSeen, timeOf(input));
                if (random.nextInt(3) == 0) {
                    harness.watermark(maxSeen - BOUND - 1);
                }
                actual.addAll(harness.take());
            }
            harness.watermark(Long.MAX_VALUE);
            actual.addAll(harness.take());
            assertThat(harness.stateEntries())
                    .as("seed %d: state left after the end of input", seed)
                    .isZero();
            assertThat(harness.timers())
                    .as("seed %d: timers left after the end of input", seed)
                    .isZero();
        }
        assertThat(byBuyer(actual)).as("seed %d", seed).isEqualTo(expected);
        return actual.size();
    }

    private static Map<String, List<String>> byBuyer(List<BuyerSignal> signals) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (BuyerSignal s : signals) {
            grouped.computeIfAbsent(s.buyerToken, b -> new ArrayList<>()).add(SignalJson.write(s));
        }
        return grouped;
    }

    private static long timeOf(Object input) {
        return input instanceof CheckoutRow row ? row.updatedAt : ((BuyerEvent) input).occurredAt;
    }

    /** Each input arrives at its time plus a random delay of up to the bound: never behind the watermark. */
    private static List<Object> shuffleWithinBound(List<Object> inputs, Random random) {
        List<long[]> keyed = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            keyed.add(new long[] {timeOf(inputs.get(i)) + (long) (random.nextDouble() * BOUND), i});
        }
        keyed.sort(Comparator.comparingLong((long[] k) -> k[0]).thenComparingLong(k -> k[1]));
        List<Object> arrival = new ArrayList<>();
        for (long[] k : keyed) {
            arrival.add(inputs.get((int) k[1]));
        }
        return arrival;
    }

    private static long someTime(Random random) {
        return T0 + CLUSTERS[random.nextInt(CLUSTERS.length)] + random.nextInt(8) * 1_000L;
    }

    private static List<Object> generate(Random random) {
        List<Object> inputs = new ArrayList<>();
        int count = 20 + random.nextInt(40);
        int[] nextVersionOf = new int[4];
        for (int n = 0; n < count; n++) {
            String buyer = BUYERS[random.nextInt(BUYERS.length)];
            long at = someTime(random);
            String id = "e" + n;
            switch (random.nextInt(8)) {
                case 0, 1 ->
                    inputs.add(Fixtures.chatOf(
                            buyer,
                            id,
                            at,
                            "conv-" + buyer + "-" + random.nextInt(3),
                            ChatType.values()[random.nextInt(ChatType.values().length)]));
                case 2, 3, 4 -> {
                    long[] quantities = new long[2 * random.nextInt(4)];
                    for (int v = 0; v < quantities.length / 2; v++) {
                        quantities[2 * v] = 10 + 10L * v + random.nextInt(2);
                        quantities[2 * v + 1] = 1 + random.nextInt(3);
                    }
                    inputs.add(Fixtures.cartOf(buyer, id, at, "c" + random.nextInt(2), dedupe(quantities)));
                }
                case 5, 6 -> {
                    int checkout = random.nextInt(nextVersionOf.length);
                    int version = nextVersionOf[checkout]++;
                    String owner = BUYERS[checkout % BUYERS.length];
                    long created = T0 + checkout * DAY;
                    long updated = created + version * 7 * DAY / 3 + random.nextInt(4) * 1_000L;
                    CheckoutRow row =
                            Fixtures.checkoutOf(owner, 100 + checkout, "c" + (checkout % 2), created, updated);
                    if (version >= 2) {
                        row.completedAt = updated - random.nextInt(2) * 500L;
                        row.orderId = 900L + checkout;
                        row.orderNumber = "#" + row.orderId;
                    }
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

    /** Variant ids in a snapshot are unique; the generator may pick one twice. */
    private static long[] dedupe(long[] variantQuantities) {
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < variantQuantities.length; i += 2) {
            boolean seen = false;
            for (int j = 0; j < kept.size(); j += 2) {
                seen |= kept.get(j) == variantQuantities[i];
            }
            if (!seen) {
                kept.add(variantQuantities[i]);
                kept.add(variantQuantities[i + 1]);
            }
        }
        return kept.stream().mapToLong(Long::longValue).toArray();
    }
}
