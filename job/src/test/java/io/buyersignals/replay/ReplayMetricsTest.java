package io.buyersignals.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.contract.Readers;
import io.buyersignals.contract.RecordReader;
import io.buyersignals.model.AlertResolution;
import io.buyersignals.model.AlertStatus;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.EndReason;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.BuyerTimeline;
import io.buyersignals.rules.DropReason;
import io.buyersignals.rules.SortedReplay;
import io.buyersignals.rules.TimelineOutput;
import io.buyersignals.sinks.AbortLingeringTransactions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's metrics (one job per run of this class), read from the MiniCluster's metric registry after replaying the
 * sample: each one equals what
 * the input says it must be, counted independently (the sample's lines, the expected output, the rules class).
 */
class ReplayMetricsTest {
    private static final Path SAMPLE = Path.of("sample");
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void everyMetricMatchesTheSample() throws Exception {
        Replay.Result result = Replay.run(SAMPLE, Duration.ofSeconds(5), 2);
        Map<String, Metric> metrics = new HashMap<>();
        Set<String> prometheusNames = new TreeSet<>();
        METRICS.getMetricsByGroup()
                .forEach((group, byName) -> byName.forEach((name, metric) -> {
                    String id = group.getMetricIdentifier(name);
                    if (id.contains(".buyer_signals.")) {
                        metrics.put(id, metric);
                        prometheusNames.add(prometheusName(group, name));
                    }
                }));
        assertTheDashboardShowsExactly(prometheusNames);

        assertThat(count(metrics, "source.cart-events.records_in")).isEqualTo(lines(Replay.CART_EVENTS));
        assertThat(count(metrics, "source.chat-events.records_in")).isEqualTo(lines(Replay.CHAT_EVENTS));
        assertThat(count(metrics, "source.checkouts.records_in")).isEqualTo(lines(Replay.CHECKOUTS));
        assertThat(count(metrics, "source.cart-events.reason.unreadable.dead_letters"))
                .isEqualTo(1);
        assertThat(count(metrics, "source.cart-events.reason.contract.dead_letters"))
                .isEqualTo(1);
        assertThat(count(metrics, "source.chat-events.reason.contract.dead_letters"))
                .isEqualTo(1);
        assertThat(count(metrics, "source.checkouts.reason.contract.dead_letters"))
                .isEqualTo(1);
        assertThat(count(metrics, "reason.unsupported_schema.dead_letters")).isZero();
        assertThat(count(metrics, "dead_letters"))
                .isEqualTo(result.deadLetters().size());

        assertThat(count(metrics, "reason.inbox_disabled.dropped_events"))
                .as("one input of each kind for shop 44")
                .isEqualTo(3);
        // The timeline's metrics count what it makes, control shops included; what leaves is counted apart.
        Made made = rulesWithoutArms();
        Map<DropReason, Long> drops = made.drops();
        for (DropReason reason : DropReason.values()) {
            assertThat(count(metrics, "reason." + reason.metricName() + ".dropped_events"))
                    .as(reason.name())
                    .isEqualTo(drops.getOrDefault(reason, 0L));
        }
        assertThat(drops).as("the sample's re-delivered event").containsEntry(DropReason.DUPLICATE, 1L);
        assertThat(count(metrics, "late_events_applied")).isZero();

        for (String type : List.of("cart_updated", "checkout_started", "order_completed")) {
            for (String timing : List.of("pre_conversation", "post_conversation")) {
                assertThat(count(metrics, "type." + type + ".timing." + timing + ".signals"))
                        .as(type + " " + timing)
                        .isEqualTo(made.signals().stream()
                                .filter(s -> s.type.wireName().equals(type)
                                        && s.timing.wireName().equals(timing))
                                .count());
            }
        }
        long live = made.signals().stream()
                .filter(s -> s.timing.wireName().equals("post_conversation"))
                .count();
        assertThat(matching(metrics, "signal_latency_ms").stream()
                        .mapToLong(m -> ((Histogram) m).getCount())
                        .sum())
                .as("one latency sample per live signal")
                .isEqualTo(live)
                .isPositive();

        assertThat(count(metrics, "context_updates"))
                .isEqualTo(made.contexts().stream().filter(c -> !c.ended).count())
                .isPositive();
        assertThat(count(metrics, "context_tombstones"))
                .isEqualTo(made.contexts().stream().filter(c -> c.ended).count())
                .isPositive();
        assertThat(count(metrics, "kind.waiting_at_checkout.alerts_raised"))
                .isEqualTo(made.alerts().stream()
                        .filter(a -> a.status == AlertStatus.RAISED)
                        .count());
        for (AlertResolution resolution : AlertResolution.values()) {
            assertThat(count(metrics, "resolution." + resolution.wireName() + ".alerts_resolved"))
                    .as(resolution.name())
                    .isEqualTo(made.alerts().stream()
                            .filter(a -> a.resolution == resolution)
                            .count());
        }

        for (EndReason reason : EndReason.values()) {
            assertThat(count(metrics, "end_reason." + reason.wireName() + ".conversation_outcomes"))
                    .as(reason.name())
                    .isEqualTo(result.outcomes().stream()
                            .filter(o -> o.endReason == reason)
                            .count());
        }
        assertThat(count(metrics, "conversions"))
                .isEqualTo(result.outcomes().stream().filter(o -> o.orders > 0).count())
                .isPositive();

        assertThat(made.signals().size() - result.signals().size())
                .as("the sample's control shop")
                .isPositive();
        assertThat(count(metrics, "output.signals.withheld_for_control"))
                .isEqualTo(made.signals().size() - result.signals().size());
        assertThat(count(metrics, "output.context.withheld_for_control"))
                .isEqualTo(made.contexts().size() - result.contexts().size());
        assertThat(count(metrics, "output.alerts.withheld_for_control"))
                .isEqualTo(made.alerts().size() - result.alerts().size());
        assertThat(count(metrics, "output.outcomes.withheld_for_control")).isZero();

        assertThat(gauges(metrics, "buyers_with_state"))
                .as("the end of input expires everything")
                .containsOnly(0L);
        assertThat(gauges(metrics, "active_conversations")).containsOnly(0L);
        assertThat(gauges(metrics, "source.cart-events.event_time_lag_ms"))
                .as("the sample's newest cart event is days old")
                .anyMatch(lag -> lag > Duration.ofDays(1).toMillis());
    }

    /** As the Prometheus reporter names a metric: "flink_", the group's logical scope, the name; "_" between. */
    private static String prometheusName(MetricGroup group, String name) {
        CharacterFilter filter = text -> text.replaceAll("[^a-zA-Z0-9:_]", "_");
        // The reporter sees each group wrapped (a LogicalScopeProvider); the in-memory reporter keeps the group itself.
        String scope = group instanceof LogicalScopeProvider provider
                ? provider.getLogicalScope(filter, '_')
                : ((AbstractMetricGroup<?>) group).getLogicalScope(filter, '_');
        return "flink_" + scope + "_" + filter.filterCharacters(name);
    }

    /** The shipped Grafana dashboard queries every buyer_signals metric the job registers, and no other. */
    private static void assertTheDashboardShowsExactly(Set<String> registered) throws Exception {
        String dashboard = Files.readString(Path.of("../deploy/grafana/buyer-signals-dashboard.json"));
        Set<String> queried = new TreeSet<>();
        Matcher names = Pattern.compile("flink_taskmanager_job_task_operator_buyer_signals_\\w+")
                .matcher(dashboard);
        while (names.find()) {
            queried.add(names.group());
        }
        Set<String> expected = new TreeSet<>(registered);
        expected.add("flink_taskmanager_job_task_operator_buyer_signals_" + AbortLingeringTransactions.METRIC);
        assertThat(queried).isEqualTo(expected);
    }

    /**
     * What the buyer timeline makes of the admitted sample inputs, applied in event-time order: the rules with the
     * arms taken out of the shops table, and the inputs they drop.
     */
    private record Made(
            List<BuyerSignal> signals,
            List<io.buyersignals.model.ConversationContext> contexts,
            List<io.buyersignals.model.BuyerAlert> alerts,
            Map<DropReason, Long> drops) {}

    private static Made rulesWithoutArms() throws Exception {
        Map<Long, ShopRow> shops = new HashMap<>();
        for (ShopRow shop : parse(Replay.SHOPS, Readers.SHOP_ROW)) {
            shop.experimentArm = null;
            shops.put(shop.id, shop);
        }
        List<BuyerEvent> events = new ArrayList<>(parse(Replay.CART_EVENTS, Readers.CART_SNAPSHOT));
        events.addAll(parse(Replay.CHAT_EVENTS, Readers.CHAT_EVENT));
        Made made = new Made(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new EnumMap<>(DropReason.class));
        SortedReplay.run(
                parse(Replay.CHECKOUTS, Readers.CHECKOUT_ROW),
                events,
                shops,
                BuyerTimeline.DEFAULT_REPLY_WAIT,
                new TimelineOutput() {
                    @Override
                    public void emit(BuyerSignal signal) {
                        made.signals().add(signal);
                    }

                    @Override
                    public void context(io.buyersignals.model.ConversationContext context) {
                        made.contexts().add(context);
                    }

                    @Override
                    public void alert(io.buyersignals.model.BuyerAlert alert) {
                        made.alerts().add(alert);
                    }

                    @Override
                    public void dropped(DropReason reason) {
                        made.drops().merge(reason, 1L, Long::sum);
                    }
                });
        return made;
    }

    private static <T> List<T> parse(String file, RecordReader<T> reader) throws Exception {
        List<T> values = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLE.resolve(file), StandardCharsets.UTF_8)) {
            Parsed<T> parsed = reader.parse(line, file, null, 0L);
            if (parsed.isValid()) {
                values.add(parsed.value);
            }
        }
        return values;
    }

    private static long lines(String file) throws Exception {
        return Files.readAllLines(SAMPLE.resolve(file), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .count();
    }

    /** Metrics whose identifier ends with the given scope, over every subtask. */
    private static List<Metric> matching(Map<String, Metric> metrics, String suffix) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().endsWith("." + suffix))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static long count(Map<String, Metric> metrics, String suffix) {
        return matching(metrics, suffix).stream()
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
    }

    private static List<Long> gauges(Map<String, Metric> metrics, String suffix) {
        List<Metric> found = matching(metrics, suffix);
        assertThat(found).as(suffix).isNotEmpty();
        return found.stream().map(m -> (Long) ((Gauge<?>) m).getValue()).toList();
    }
}
