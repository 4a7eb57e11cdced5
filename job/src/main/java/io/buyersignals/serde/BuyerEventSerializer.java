package io.buyersignals.serde;

import io.buyersignals.model.BuyerEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Cart and chat events between operators. */
public final class BuyerEventSerializer extends FormatSerializer<BuyerEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    void write(BuyerEvent value, DataOutputView out) throws IOException {
        ModelFormat.writeBuyerEvent(value, out);
    }

    @Override
    BuyerEvent read(DataInputView in) throws IOException {
        return ModelFormat.readBuyerEvent(in);
    }

    @Override
    public BuyerEvent createInstance() {
        return new BuyerEvent();
    }

    @Override
    public TypeSerializerSnapshot<BuyerEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BuyerEvent> {
        public Snapshot() {
            super(BuyerEventSerializer::new);
        }
    }
}
