package io.buyersignals.serde;

import io.buyersignals.rules.BuyerState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The buyer state's serializer. Its snapshot records the format version, so a savepoint of any earlier format
 * restores: Flink reads the old values with {@link Snapshot#restoreSerializer()} (which reads that format) and
 * writes them back in {@link #FORMAT}. Release 0.1.0 stored the state with Flink's POJO serializer and migrates the
 * same way.
 */
public final class BuyerStateSerializer extends FormatSerializer<BuyerState> {
    /**
     * The format this build writes. Bump it on any change to {@link BuyerStateFormat} or {@link ModelFormat}, teach
     * {@link BuyerStateFormat#read} the new format while it keeps reading every older one, and commit a sample of
     * the new format's bytes (see {@code BuyerStateFormatsTest}).
     */
    public static final int FORMAT = 3;
    /** The first format written field by field (release 0.1.0 used the POJO serializer). */
    static final int FIRST_FORMAT = 1;

    private static final long serialVersionUID = 1L;

    /** The format of the bytes this instance reads: {@link #FORMAT}, or an older one while a savepoint restores. */
    private final int readFormat;

    public BuyerStateSerializer() {
        this(FORMAT);
    }

    private BuyerStateSerializer(int readFormat) {
        this.readFormat = readFormat;
    }

    /** A serializer that reads {@code format}, which must be one this build knows. */
    static BuyerStateSerializer reading(int format) {
        if (format < FIRST_FORMAT || format > FORMAT) {
            throw new IllegalStateException("Buyer state format " + format + " is not one this release reads (formats "
                    + FIRST_FORMAT + " to " + FORMAT + "): restore the savepoint with the release that took it or a"
                    + " later one.");
        }
        return new BuyerStateSerializer(format);
    }

    int readFormat() {
        return readFormat;
    }

    /** Writing is only for the current format: Flink writes migrated state with the new serializer, never the old. */
    @Override
    void write(BuyerState value, DataOutputView out) throws IOException {
        if (readFormat != FORMAT) {
            throw new IllegalStateException(
                    "Buyer state is only written in format " + FORMAT + ", not " + readFormat + ".");
        }
        BuyerStateFormat.write(value, out);
    }

    @Override
    BuyerState read(DataInputView in) throws IOException {
        return BuyerStateFormat.read(in, readFormat);
    }

    /** A deep copy goes through the current format, whichever format this instance reads. */
    @Override
    public BuyerState copy(BuyerState from) {
        return readFormat == FORMAT ? super.copy(from) : new BuyerStateSerializer().copy(from);
    }

    @Override
    public BuyerState createInstance() {
        return new BuyerState();
    }

    @Override
    public TypeSerializerSnapshot<BuyerState> snapshotConfiguration() {
        return new Snapshot(readFormat);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof BuyerStateSerializer other && other.readFormat == readFormat;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(readFormat);
    }

    public static final class Snapshot implements TypeSerializerSnapshot<BuyerState> {
        private int format;

        /** For Flink, which reads the format with {@link #readSnapshot}. */
        public Snapshot() {}

        Snapshot(int format) {
            this.format = format;
        }

        int format() {
            return format;
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
            return reading(format);
        }

        /** Called on the new build's snapshot with the savepoint's: any older format migrates, a newer one cannot. */
        @Override
        public TypeSerializerSchemaCompatibility<BuyerState> resolveSchemaCompatibility(
                TypeSerializerSnapshot<BuyerState> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot old) {
                if (old.format == format) {
                    return TypeSerializerSchemaCompatibility.compatibleAsIs();
                }
                return old.format >= FIRST_FORMAT && old.format < format
                        ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                        : TypeSerializerSchemaCompatibility.incompatible();
            }
            if (oldSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
