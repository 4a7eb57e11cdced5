package io.buyersignals.cdc;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;

/** Never throws: a change that cannot be decoded becomes whatever the mapper makes of an undecodable record. */
final class ChangeDeserializer<T> implements DebeziumDeserializationSchema<T> {
    private final ChangeMapper<T> mapper;
    private final TypeInformation<T> type;

    ChangeDeserializer(ChangeMapper<T> mapper, TypeInformation<T> type) {
        this.mapper = mapper;
        this.type = type;
    }

    @Override
    public void deserialize(SourceRecord record, Collector<T> out) {
        CdcChange change;
        try {
            change = ChangeDecoder.decode(record);
        } catch (RuntimeException e) {
            out.collect(mapper.undecodable(String.valueOf(record.value()), "change could not be decoded: " + e));
            return;
        }
        if (change != null) {
            out.collect(mapper.map(change));
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
