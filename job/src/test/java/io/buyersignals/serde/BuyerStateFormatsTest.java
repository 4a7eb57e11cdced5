package io.buyersignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerStage;
import io.buyersignals.model.CartAction;
import io.buyersignals.model.CartActionType;
import io.buyersignals.model.CartSnapshot;
import io.buyersignals.model.ChatEvent;
import io.buyersignals.model.ChatType;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.LineItem;
import io.buyersignals.rules.BuyerState;
import io.buyersignals.rules.CartState;
import io.buyersignals.rules.ConversationState;
import io.buyersignals.rules.EndedConversation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every buyer-state format this project has ever written stays readable. {@code buyer-state-formats/N.bin} holds
 * {@link #sample()} as format N wrote it, committed when format N was introduced and never changed: each is read
 * back with the serializer a savepoint of format N restores with. The current format's bytes must equal its sample
 * exactly, so a change to the format that forgets to bump {@link BuyerStateSerializer#FORMAT} fails here.
 * {@code -Dbuyer-state.write-sample=true} writes the sample of a new format (once, when it is introduced).
 */
class BuyerStateFormatsTest {
    private static final Path SAMPLES = Path.of("src/test/resources/buyer-state-formats");
    /** Fields each format added, which samples of earlier formats cannot hold. */
    private static final Map<Integer, List<String>> FIELDS_ADDED_IN = Map.of(
            2,
            List.of(
                    "conversation.contextSequence",
                    "conversation.contextDigest",
                    "conversation.unanswered",
                    "conversation.lastReplyAt",
                    "conversation.alertedSince",
                    "conversation.alertOpen",
                    "conversation.alertCheckoutId"),
            3,
            List.of(
                    "conversation.stageAtStart",
                    "conversation.firstBuyerMessageAt",
                    "conversation.firstReplyAt",
                    "conversation.earlyReplies",
                    "conversation.signalsSent",
                    "conversation.orders",
                    "conversation.revenue",
                    "conversation.currency"));

    /** 2026-11-20T00:00:00Z; everything in the sample is spelled out here, so no shared fixture can change it. */
    private static final long T0 = 1_763_596_800_000L;

    /** A buyer state with every field set, nulls, extremes and non-ASCII text included. */
    static BuyerState sample() {
        BuyerState state = new BuyerState();
        state.conversation = new ConversationState();
        state.conversation.conversationId = "conv";
        state.conversation.startedAt = T0;
        state.conversation.endsAt = T0 + 7;
        state.conversation.sentCheckoutIds = new long[] {1, Long.MAX_VALUE};
        state.conversation.sentOrderIds = new long[] {-3};
        state.conversation.contextSequence = 12;
        state.conversation.contextDigest = Long.MIN_VALUE + 5;
        state.conversation.unanswered = new long[] {T0 + 2, T0 + 3};
        state.conversation.lastReplyAt = T0 + 1;
        state.conversation.alertedSince = T0 - 9;
        state.conversation.alertOpen = true;
        state.conversation.alertCheckoutId = Long.MAX_VALUE;
        state.conversation.stageAtStart = BuyerStage.CHECKOUT;
        state.conversation.firstBuyerMessageAt = T0 + 2;
        state.conversation.firstReplyAt = T0 + 4;
        state.conversation.earlyReplies = new long[] {T0 - 1};
        state.conversation.signalsSent = new int[] {3, 0, Integer.MAX_VALUE};
        state.conversation.orders = 2;
        state.conversation.revenue = new BigDecimal("1234.50");
        state.conversation.currency = "mixed";
        EndedConversation ended = new EndedConversation();
        ended.conversationId = "before";
        ended.endedAt = T0 - 1;
        state.endedConversations = new EndedConversation[] {ended};
        state.cart = new CartState();
        state.cart.cartToken = "c1";
        state.cart.currency = "EUR";
        state.cart.lineItems = new LineItem[] {
            new LineItem(10, 11, "Tee \u00e9\u4e16\ud83d\ude00", 2, new BigDecimal("19.99")),
            new LineItem(12, 13, null, 1, null)
        };
        state.cart.changedAt = T0 + 1;
        state.cart.changeEventId = "e1";
        state.cart.changeActions =
                new CartAction[] {new CartAction(CartActionType.QUANTITY_CHANGED, state.cart.lineItems[0], 1, 2)};
        state.cart.appliedAt = T0 + 2;
        state.cart.appliedEventId = "e2";
        CheckoutRow order = row(5, "c1", T0 + 3);
        order.totalPrice = new BigDecimal("123456789012345678901234567890.125");
        order.orderId = 9L;
        order.orderNumber = "#9";
        order.completedAt = T0 + 3;
        CheckoutRow deleted = row(6, null, T0 + 4);
        deleted.deleted = true;
        deleted.totalPrice = new BigDecimal("1E+3");
        state.checkouts = new CheckoutRow[] {order, deleted};
        state.pending
                .add(BuyerEvent.cart("e3", 42, "b-7", T0 + 5, new CartSnapshot("c1", "USD", new LineItem[] {
                    new LineItem(10, 5, "Item 10", 3, new BigDecimal("10.00"))
                })))
                .add(BuyerEvent.chat(
                        "s-conv2",
                        42,
                        "b-7",
                        T0 + 6,
                        new ChatEvent("conv2", ChatType.CONVERSATION_STARTED, "online_store_chat")))
                .add(order);
        state.lifecycleTimer = T0 + 7;
        state.flushTimer = T0 + 5;
        return state;
    }

    @Test
    void theCurrentFormatWritesExactlyItsCommittedSample() throws Exception {
        Path sample = SAMPLES.resolve(BuyerStateSerializer.FORMAT + ".bin");
        byte[] written = write(sample());
        if (Boolean.getBoolean("buyer-state.write-sample") && !Files.exists(sample)) {
            Files.write(sample, written);
        }
        assertThat(sample)
                .as(
                        "the committed sample of format %d (write it with -Dbuyer-state.write-sample=true)",
                        BuyerStateSerializer.FORMAT)
                .exists();
        assertThat(written)
                .as("format %d's bytes: a format change needs a new FORMAT", BuyerStateSerializer.FORMAT)
                .isEqualTo(Files.readAllBytes(sample));
    }

    @Test
    void everyFormatEverWrittenIsReadBackByTheSerializerItsSavepointRestoresWith() throws Exception {
        for (int format = BuyerStateSerializer.FIRST_FORMAT; format <= BuyerStateSerializer.FORMAT; format++) {
            TypeSerializerSnapshot<BuyerState> stored = new BuyerStateSerializer.Snapshot(format);
            BuyerState read = read(restored(stored).restoreSerializer(), sampleOf(format));
            assertThat(read)
                    .as("format %d", format)
                    .usingRecursiveComparison()
                    .ignoringFields(addedAfter(format))
                    .isEqualTo(sample());
            // Flink writes the migrated value with today's serializer: it must hold everything that was read.
            assertThat(read(new BuyerStateSerializer(), write(read)))
                    .usingRecursiveComparison()
                    .isEqualTo(read);
        }
    }

    @Test
    void everyOlderFormatAndThePojoFormOfReleaseZeroOneMigrateAndANewerOneIsRefused() throws Exception {
        TypeSerializerSnapshot<BuyerState> current = new BuyerStateSerializer().snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(restored(current)).isCompatibleAsIs())
                .isTrue();
        for (int format = BuyerStateSerializer.FIRST_FORMAT; format < BuyerStateSerializer.FORMAT; format++) {
            assertThat(current.resolveSchemaCompatibility(restored(new BuyerStateSerializer.Snapshot(format)))
                            .isCompatibleAfterMigration())
                    .as("format %d", format)
                    .isTrue();
        }
        TypeSerializerSnapshot<BuyerState> pojo = TypeInformation.of(BuyerState.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig())
                .snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(pojo).isCompatibleAfterMigration())
                .isTrue();

        BuyerStateSerializer.Snapshot newer = new BuyerStateSerializer.Snapshot(BuyerStateSerializer.FORMAT + 1);
        TypeSerializerSchemaCompatibility<BuyerState> refused = current.resolveSchemaCompatibility(newer);
        assertThat(refused.isIncompatible()).isTrue();
        assertThatThrownBy(newer::restoreSerializer).hasMessageContaining("is not one this release reads");
        assertThatThrownBy(() -> new BuyerStateSerializer.Snapshot(0).restoreSerializer())
                .hasMessageContaining("is not one this release reads");
    }

    @Test
    void aSerializerOfAnOlderFormatReadsButNeverWrites() {
        for (int format = BuyerStateSerializer.FIRST_FORMAT; format < BuyerStateSerializer.FORMAT; format++) {
            BuyerStateSerializer old = BuyerStateSerializer.reading(format);
            assertThatThrownBy(() -> old.serialize(sample(), new DataOutputSerializer(64)))
                    .hasMessageContaining("only written in format");
            assertThat(old.copy(sample())).usingRecursiveComparison().isEqualTo(sample());
        }
        assertThat(BuyerStateSerializer.reading(BuyerStateSerializer.FORMAT)).isEqualTo(new BuyerStateSerializer());
    }

    private static CheckoutRow row(long id, String cartToken, long updatedAt) {
        CheckoutRow row = new CheckoutRow();
        row.id = id;
        row.shopId = 42;
        row.buyerToken = "b-7";
        row.cartToken = cartToken;
        row.currency = "USD";
        row.totalPrice = new BigDecimal("20.00");
        row.createdAt = T0;
        row.updatedAt = updatedAt;
        return row;
    }

    private static String[] addedAfter(int format) {
        return FIELDS_ADDED_IN.entrySet().stream()
                .filter(e -> e.getKey() > format)
                .flatMap(e -> e.getValue().stream())
                .toArray(String[]::new);
    }

    private static byte[] sampleOf(int format) throws IOException {
        Path sample = SAMPLES.resolve(format + ".bin");
        assertThat(sample).as("the committed sample of format %d", format).exists();
        return Files.readAllBytes(sample);
    }

    private static byte[] write(BuyerState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        new BuyerStateSerializer().serialize(state, out);
        return out.getCopyOfBuffer();
    }

    private static BuyerState read(
            org.apache.flink.api.common.typeutils.TypeSerializer<BuyerState> serializer, byte[] bytes)
            throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        BuyerState state = serializer.deserialize(in);
        assertThat(in.available()).as("every byte of the value is read").isZero();
        return state;
    }

    /** The snapshot as Flink reads it back from a savepoint. */
    private static TypeSerializerSnapshot<BuyerState> restored(TypeSerializerSnapshot<BuyerState> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), BuyerStateFormatsTest.class.getClassLoader());
    }
}
