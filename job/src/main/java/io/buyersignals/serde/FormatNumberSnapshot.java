package io.buyersignals.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A serializer snapshot that records the buyer-state format its serializer wrote, and nothing else. */
abstract class FormatNumberSnapshot<T> implements TypeSerializerSnapshot<T> {
    int format;

    FormatNumberSnapshot(int format) {
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
}
