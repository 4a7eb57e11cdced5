package io.buyersignals.serde;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The building blocks of the state and wire formats: nullable strings, decimals, longs and arrays. */
final class Binary {
    private static final int NULL = -1;
    private static final byte DECIMAL_NULL = 0;
    private static final byte DECIMAL_COMPACT = 1;
    private static final byte DECIMAL_BIG = 2;

    interface Writer<T> {
        void write(T value, DataOutputView out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputView in) throws IOException;
    }

    private Binary() {}

    static void writeString(String value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeInt(NULL);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length == NULL) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Prices fit a long of minor units almost always: no BigInteger round trip for them. */
    static void writeDecimal(BigDecimal value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(DECIMAL_NULL);
            return;
        }
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() < Long.SIZE) {
            out.writeByte(DECIMAL_COMPACT);
            out.writeLong(unscaled.longValue());
        } else {
            out.writeByte(DECIMAL_BIG);
            byte[] bytes = unscaled.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        out.writeInt(value.scale());
    }

    static BigDecimal readDecimal(DataInputView in) throws IOException {
        byte kind = in.readByte();
        if (kind == DECIMAL_NULL) {
            return null;
        }
        if (kind == DECIMAL_COMPACT) {
            long unscaled = in.readLong();
            return BigDecimal.valueOf(unscaled, in.readInt());
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new BigDecimal(new BigInteger(bytes), in.readInt());
    }

    static void writeNullableLong(Long value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    static Long readNullableLong(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    static void writeLongs(long[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(NULL);
            return;
        }
        out.writeInt(values.length);
        for (long value : values) {
            out.writeLong(value);
        }
    }

    static long[] readLongs(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length == NULL) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    /** Enums are stored by ordinal: their constants may only ever be appended to. */
    static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
        out.writeByte(value == null ? NULL : value.ordinal());
    }

    static <E extends Enum<E>> E readEnum(E[] constants, DataInputView in) throws IOException {
        byte ordinal = in.readByte();
        return ordinal == NULL ? null : constants[ordinal];
    }

    static <T> void writeNullable(T value, Writer<T> writer, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writer.write(value, out);
        }
    }

    static <T> T readNullable(Reader<T> reader, DataInputView in) throws IOException {
        return in.readBoolean() ? reader.read(in) : null;
    }

    static <T> void writeArray(T[] values, Writer<T> writer, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(NULL);
            return;
        }
        out.writeInt(values.length);
        for (T value : values) {
            writeNullable(value, writer, out);
        }
    }

    static <T> T[] readArray(IntFunction<T[]> newArray, Reader<T> reader, DataInputView in) throws IOException {
        int length = in.readInt();
        if (length == NULL) {
            return null;
        }
        T[] values = newArray.apply(length);
        for (int i = 0; i < length; i++) {
            values[i] = readNullable(reader, in);
        }
        return values;
    }
}
