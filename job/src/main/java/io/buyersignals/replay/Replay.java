package io.buyersignals.replay;

import io.buyersignals.contract.AlertJson;
import io.buyersignals.contract.ContextJson;
import io.buyersignals.contract.DeadLetterJson;
import io.buyersignals.contract.OutcomeJson;
import io.buyersignals.contract.Readers;
import io.buyersignals.contract.SignalJson;
import io.buyersignals.job.BuyerSignalsTopology;
import io.buyersignals.job.UsageException;
import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import io.buyersignals.rules.BuyerTimeline;
import io.buyersignals.serde.TypeInfos;
import io.buyersignals.sources.FileInputs;
import io.buyersignals.sources.Watermarks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the production topology in streaming mode over JSON-lines files. The output is a function of the files only:
 * each output is grouped by buyer (shop id, then buyer token) and kept in emission order within a buyer.
 */
public final class Replay {
    public static final String CART_EVENTS = "cart-events.jsonl";
    public static final String CHAT_EVENTS = "chat-events.jsonl";
    public static final String CHECKOUTS = "checkouts.jsonl";
    public static final String SHOPS = "shops.jsonl";
    /** A name no file matches ("/" cannot occur in a file name): an input that is always empty. */
    private static final String NO_FILE = "/";

    public record Result(
            List<BuyerSignal> signals,
            List<ConversationContext> contexts,
            List<BuyerAlert> alerts,
            List<ConversationOutcome> outcomes,
            List<DeadLetter> deadLetters) {}

    private Replay() {}

    public static Result run(Path input, Duration outOfOrderness, int parallelism) throws Exception {
        return run(input, outOfOrderness, Duration.ofMillis(BuyerTimeline.DEFAULT_REPLY_WAIT), parallelism);
    }

    public static Result run(Path input, Duration outOfOrderness, Duration replyWait, int parallelism)
            throws Exception {
        if (!Files.isDirectory(input)) {
            throw new UsageException("replay --input must be an existing directory (holding " + CART_EVENTS + ", "
                    + CHAT_EVENTS + ", " + CHECKOUTS + " and/or " + SHOPS + "), but " + input + " is not");
        }
        List<DeadLetter> deadLetters = new ArrayList<>();
        Map<Long, ShopRow> shops = loadShops(input.resolve(SHOPS), deadLetters);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(parallelism);
        env.getConfig().disableGenericTypes();

        AtomicReference<CloseableIterator<BuyerSignal>> signalsOut = new AtomicReference<>();
        AtomicReference<CloseableIterator<ConversationContext>> contextsOut = new AtomicReference<>();
        AtomicReference<CloseableIterator<BuyerAlert>> alertsOut = new AtomicReference<>();
        AtomicReference<CloseableIterator<ConversationOutcome>> outcomesOut = new AtomicReference<>();
        AtomicReference<CloseableIterator<DeadLetter>> deadLettersOut = new AtomicReference<>();
        BuyerSignalsTopology.build(
                env,
                new BuyerSignalsTopology.Sources(
                        FileInputs.jsonLines(input, CART_EVENTS, Readers.CART_SNAPSHOT, TypeInfos.PARSED_BUYER_EVENT),
                        FileInputs.jsonLines(input, CHAT_EVENTS, Readers.CHAT_EVENT, TypeInfos.PARSED_BUYER_EVENT),
                        FileInputs.jsonLines(input, CHECKOUTS, Readers.CHECKOUT_ROW, TypeInfos.PARSED_CHECKOUT_ROW),
                        // The table was loaded above; replay has no later changes to it.
                        FileInputs.jsonLines(input, NO_FILE, Readers.SHOP_ROW, TypeInfos.PARSED_SHOP_ROW),
                        shops),
                new BuyerSignalsTopology.Sinks(
                        signals -> signalsOut.set(signals.collectAsync()),
                        contexts -> contextsOut.set(contexts.collectAsync()),
                        alerts -> alertsOut.set(alerts.collectAsync()),
                        outcomes -> outcomesOut.set(outcomes.collectAsync()),
                        letters -> deadLettersOut.set(letters.collectAsync())),
                Watermarks.EventTime.replay(outOfOrderness),
                replyWait);

        JobClient job = env.executeAsync("buyer-signals-replay");
        // The outputs are drained at once so none back-pressures the job.
        CompletableFuture<List<DeadLetter>> lettersDrained =
                CompletableFuture.supplyAsync(() -> drain(deadLettersOut.get()));
        CompletableFuture<List<ConversationContext>> contextsDrained =
                CompletableFuture.supplyAsync(() -> drain(contextsOut.get()));
        CompletableFuture<List<BuyerAlert>> alertsDrained = CompletableFuture.supplyAsync(() -> drain(alertsOut.get()));
        CompletableFuture<List<ConversationOutcome>> outcomesDrained =
                CompletableFuture.supplyAsync(() -> drain(outcomesOut.get()));
        List<BuyerSignal> signals = drain(signalsOut.get());
        deadLetters.addAll(lettersDrained.get());
        List<ConversationContext> contexts = contextsDrained.get();
        List<BuyerAlert> alerts = alertsDrained.get();
        List<ConversationOutcome> outcomes = outcomesDrained.get();
        job.getJobExecutionResult().get();

        // Stable sorts: one buyer's records are on one subtask, in emission order.
        signals.sort(Comparator.comparingLong((BuyerSignal s) -> s.shopId).thenComparing(s -> s.buyerToken));
        contexts.sort(
                Comparator.comparingLong((ConversationContext c) -> c.shopId).thenComparing(c -> c.buyerToken));
        alerts.sort(Comparator.comparingLong((BuyerAlert a) -> a.shopId).thenComparing(a -> a.buyerToken));
        outcomes.sort(
                Comparator.comparingLong((ConversationOutcome o) -> o.shopId).thenComparing(o -> o.buyerToken));
        deadLetters.sort(Comparator.comparing((DeadLetter d) -> d.source)
                .thenComparing(d -> d.offset, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new Result(signals, contexts, alerts, outcomes, deadLetters);
    }

    /** The shops table is loaded before any event flows, as the table it stands for already exists. */
    private static Map<Long, ShopRow> loadShops(Path file, List<DeadLetter> deadLetters) throws IOException {
        Map<Long, ShopRow> shops = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return shops;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Parsed<ShopRow> parsed = Readers.SHOP_ROW.parse(lines.get(i), SHOPS, null, (long) i + 1);
            if (parsed.isValid()) {
                shops.put(parsed.value.id, parsed.value);
            } else {
                deadLetters.add(parsed.deadLetter);
            }
        }
        return shops;
    }

    private static <T> List<T> drain(CloseableIterator<T> iterator) {
        List<T> all = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(all::add);
        } catch (Exception e) {
            throw new IllegalStateException("Reading the replay's output failed", e);
        }
        return all;
    }

    /** Writes each output to its file; a context tombstone is written as {@link ContextJson#tombstoneLine}. */
    public static void write(
            Result result,
            Path signalsFile,
            Path contextsFile,
            Path alertsFile,
            Path outcomesFile,
            Path deadLettersFile)
            throws IOException {
        writeLines(signalsFile, result.signals(), SignalJson::write);
        writeLines(contextsFile, result.contexts(), ContextJson::line);
        writeLines(alertsFile, result.alerts(), AlertJson::write);
        writeLines(outcomesFile, result.outcomes(), OutcomeJson::write);
        writeLines(deadLettersFile, result.deadLetters(), DeadLetterJson::write);
    }

    private static <T> void writeLines(Path file, List<T> values, Function<T, String> json) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (T value : values) {
                out.write(json.apply(value));
                out.write('\n');
            }
        }
    }
}
