package io.buyersignals.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.buyersignals.rules.BuyerState;
import io.buyersignals.rules.EventBatch;
import io.buyersignals.serde.FormatTypeInfo;
import io.buyersignals.serde.TypeInfos;
import java.util.stream.Stream;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type in state or on the wire is serialized by Flink's own serializers or our field-by-field ones: no Kryo, so
 * upgrades stay safe. The POJO forms of the buyer state and the pending batch remain: release 0.1.0 stored them.
 */
class NoKryoTest {

    static Stream<TypeInformation<?>> types() {
        return Stream.of(
                FormatTypeInfo.BUYER_STATE,
                TypeInformation.of(BuyerState.class),
                TypeInformation.of(EventBatch.class),
                TypeInfos.BUYER_KEY,
                TypeInfos.BUYER_EVENT,
                TypeInfos.CHECKOUT_ROW,
                TypeInfos.SHOP_ROW,
                TypeInfos.BUYER_SIGNAL,
                TypeInfos.DEAD_LETTER,
                TypeInfos.PARSED_BUYER_EVENT,
                TypeInfos.PARSED_CHECKOUT_ROW,
                TypeInfos.PARSED_SHOP_ROW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void isAPojoOrAFieldByFieldFormatWithNoGenericTypeAnywhereInside(TypeInformation<?> type) {
        assertThat(type).isInstanceOfAny(PojoTypeInfo.class, FormatTypeInfo.class);
        assertNoGenericType(type, type.toString());
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        assertThatCode(() -> type.createSerializer(config.getSerializerConfig()))
                .doesNotThrowAnyException();
    }

    private static void assertNoGenericType(TypeInformation<?> type, String path) {
        assertThat(type).as("%s falls back to Kryo", path).isNotInstanceOf(GenericTypeInfo.class);
        if (type instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                assertNoGenericType(
                        composite.getTypeAt(i), path + "." + composite.getFieldNames()[i]);
            }
        } else if (type instanceof ObjectArrayTypeInfo<?, ?> array) {
            assertNoGenericType(array.getComponentInfo(), path + "[]");
        }
    }
}
