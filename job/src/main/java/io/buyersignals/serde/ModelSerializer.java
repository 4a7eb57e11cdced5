package io.buyersignals.serde;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The serializer of a model type between operators, where nothing outlives the job: no format version needed. */
public final class ModelSerializer<T> extends FormatSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The model types with a field-by-field form; the name is what a serializer snapshot records. */
    enum Model {
        BUYER_EVENT(
                BuyerEvent::new,
                (value, out) -> ModelFormat.writeBuyerEvent((BuyerEvent) value, out),
                ModelFormat::readBuyerEvent),
        CHECKOUT_ROW(
                CheckoutRow::new,
                (value, out) -> ModelFormat.writeCheckoutRow((CheckoutRow) value, out),
                ModelFormat::readCheckoutRow),
        BUYER_SIGNAL(
                BuyerSignal::new, (value, out) -> SignalFormat.write((BuyerSignal) value, out), SignalFormat::read);

        private final Supplier<Object> create;
        private final Binary.Writer<Object> writer;
        private final Binary.Reader<?> reader;

        Model(Supplier<Object> create, Binary.Writer<Object> writer, Binary.Reader<?> reader) {
            this.create = create;
            this.writer = writer;
            this.reader = reader;
        }
    }

    private final Model model;

    ModelSerializer(Model model) {
        this.model = model;
    }

    @Override
    void write(T value, DataOutputView out) throws IOException {
        model.writer.write(value, out);
    }

    @Override
    @SuppressWarnings("unchecked")
    T read(DataInputView in) throws IOException {
        return (T) model.reader.read(in);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T createInstance() {
        return (T) model.create.get();
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ModelSerializer<?> other && other.model == model;
    }

    @Override
    public int hashCode() {
        return model.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(model);
    }

    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private Model model;

        /** For Flink, which reads the model with {@link #readSnapshot}. */
        public Snapshot() {}

        Snapshot(Model model) {
            this.model = model;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(model.name());
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            model = Model.valueOf(in.readUTF());
        }

        @Override
        public ModelSerializer<T> restoreSerializer() {
            return new ModelSerializer<>(model);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            return oldSnapshot instanceof Snapshot<?> old && old.model == model
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
