package io.buyersignals.serde;

import io.buyersignals.rules.EventBatch;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An input that arrived ahead of the watermark, kept in the buyer function's list state until a timer applies it. It
 * is written with the inputs' part of the buyer-state format, so its snapshot records {@link
 * BuyerStateSerializer#FORMAT}: the format that changes when the inputs' layout does.
 */
public final class ArrivalSerializer extends FormatSerializer<EventBatch> {
    private static final long serialVersionUID = 1L;

    @Override
    void write(EventBatch value, DataOutputView out) throws IOException {
        BuyerStateFormat.writeBatch(value, out);
    }

    @Override
    EventBatch read(DataInputView in) throws IOException {
        return BuyerStateFormat.readBatch(in);
    }

    @Override
    public EventBatch createInstance() {
        return new EventBatch();
    }

    @Override
    public TypeSerializerSnapshot<EventBatch> snapshotConfiguration() {
        return new Snapshot(BuyerStateSerializer.FORMAT);
    }

    public static final class Snapshot extends FormatNumberSnapshot<EventBatch> {
        /** For Flink, which reads the format with {@link #readSnapshot}. */
        public Snapshot() {
            super(0);
        }

        Snapshot(int format) {
            super(format);
        }

        /** Inputs have kept one layout since the first format; a format that changes it must read the older ones here. */
        @Override
        public ArrivalSerializer restoreSerializer() {
            BuyerStateSerializer.reading(format);
            return new ArrivalSerializer();
        }

        @Override
        public TypeSerializerSchemaCompatibility<EventBatch> resolveSchemaCompatibility(
                TypeSerializerSnapshot<EventBatch> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot old && old.format <= format) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
