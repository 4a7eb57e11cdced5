package io.buyersignals.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer written field by field: no reflection, no per-field null flags, no thread-local string buffers,
 * decimals without a BigInteger round trip. Stateless, so one instance can be shared.
 */
public abstract class FormatSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    abstract void write(T value, DataOutputView out) throws IOException;

    abstract T read(DataInputView in) throws IOException;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer bytes = new DataOutputSerializer(256);
            write(from, bytes);
            return read(new DataInputDeserializer(bytes.getSharedBuffer(), 0, bytes.length()));
        } catch (IOException e) {
            throw new IllegalStateException("Copying a " + from.getClass().getSimpleName() + " failed.", e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    /** Never into the old instance: the buyer function keeps its inputs in state by reference on the heap backend. */
    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        write(read(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
