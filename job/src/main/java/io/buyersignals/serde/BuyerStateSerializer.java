package io.buyersignals.serde;

import io.buyersignals.rules.BuyerState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The buyer state's serializer. Its snapshot records the format version, so a later format restores from this one
 * through a state migration; release 0.1.0 stored the state with Flink's POJO serializer and migrates the same way.
 */
public final class BuyerStateSerializer extends FormatSerializer<BuyerState> {
    /** Bump on any change to {@link BuyerStateFormat} or {@link ModelFormat}, and keep reading the old format. */
    static final int FORMAT = 1;
    private static final long serialVersionUID = 1L;

    @Override
    void write(BuyerState value, DataOutputView out) throws IOException {
        BuyerStateFormat.write(value, out);
    }

    @Override
    BuyerState read(DataInputView in) throws IOException {
        return BuyerStateFormat.read(in);
    }

    @Override
    public BuyerState createInstance() {
        return new BuyerState();
    }

    @Override
    public TypeSerializerSnapshot<BuyerState> snapshotConfiguration() {
        return new Snapshot(FORMAT);
    }

    public static final class Snapshot implements TypeSerializerSnapshot<BuyerState> {
        private int format;

        /** For Flink, which reads the format with {@link #readSnapshot}. */
        public Snapshot() {}

        Snapshot(int format) {
            this.format = format;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(format);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            format = in.readInt();
        }

        @Override
        public BuyerStateSerializer restoreSerializer() {
            if (format != FORMAT) {
                throw new IllegalStateException("Buyer state format " + format + " is newer than this release reads ("
                        + FORMAT + "): restore the savepoint with the release that took it or a later one.");
            }
            return new BuyerStateSerializer();
        }

        @Override
        public TypeSerializerSchemaCompatibility<BuyerState> resolveSchemaCompatibility(
                TypeSerializerSnapshot<BuyerState> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot old) {
                return old.format == format ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                        : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            if (oldSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
