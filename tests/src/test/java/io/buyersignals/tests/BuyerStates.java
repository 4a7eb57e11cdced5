package io.buyersignals.tests;

import io.buyersignals.functions.BuyerSignalsFunction;
import io.buyersignals.job.BuyerSignalsTopology;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.rules.BuyerState;
import io.buyersignals.serde.FormatTypeInfo;
import io.buyersignals.serde.TypeInfos;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/** The buyer states of a savepoint, read with this build's state descriptor and serializer (State Processor API). */
final class BuyerStates {
    private BuyerStates() {}

    /** How many buyers the savepoint holds state for; fails if this build cannot read their state. */
    static long read(String savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        SavepointReader reader = SavepointReader.read(env, savepoint, new HashMapStateBackend());
        try (CloseableIterator<Long> buyers = reader.readKeyedState(
                        OperatorIdentifier.forUid(BuyerSignalsTopology.TIMELINE_UID),
                        new Buyers(),
                        TypeInfos.BUYER_KEY,
                        Types.LONG)
                .executeAndCollect()) {
            long count = 0;
            while (buyers.hasNext()) {
                count += buyers.next();
            }
            return count;
        }
    }

    private static final class Buyers extends KeyedStateReaderFunction<BuyerKey, Long> {
        private transient ValueState<BuyerState> buyer;

        @Override
        public void open(Configuration parameters) {
            ValueStateDescriptor<BuyerState> descriptor =
                    new ValueStateDescriptor<>("buyer", FormatTypeInfo.BUYER_STATE);
            descriptor.enableTimeToLive(
                    StateTtlConfig.newBuilder(BuyerSignalsFunction.STATE_TTL).build());
            buyer = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void readKey(BuyerKey key, Context context, Collector<Long> out) throws Exception {
            out.collect(buyer.value() == null ? 0L : 1L);
        }
    }
}
