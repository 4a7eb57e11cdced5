package io.buyersignals.serde;

import io.buyersignals.model.CheckoutRow;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Checkout row versions between operators. */
public final class CheckoutRowSerializer extends FormatSerializer<CheckoutRow> {
    private static final long serialVersionUID = 1L;

    @Override
    void write(CheckoutRow value, DataOutputView out) throws IOException {
        ModelFormat.writeCheckoutRow(value, out);
    }

    @Override
    CheckoutRow read(DataInputView in) throws IOException {
        return ModelFormat.readCheckoutRow(in);
    }

    @Override
    public CheckoutRow createInstance() {
        return new CheckoutRow();
    }

    @Override
    public TypeSerializerSnapshot<CheckoutRow> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CheckoutRow> {
        public Snapshot() {
            super(CheckoutRowSerializer::new);
        }
    }
}
