package io.buyersignals.serde;

import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.rules.BuyerState;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information that hands Flink one of the field-by-field serializers. */
public final class FormatTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    public static final FormatTypeInfo<BuyerState> BUYER_STATE =
            new FormatTypeInfo<>(BuyerState.class, new BuyerStateSerializer());
    public static final FormatTypeInfo<BuyerEvent> BUYER_EVENT =
            new FormatTypeInfo<>(BuyerEvent.class, new ModelSerializer<>(ModelSerializer.Model.BUYER_EVENT));
    public static final FormatTypeInfo<CheckoutRow> CHECKOUT_ROW =
            new FormatTypeInfo<>(CheckoutRow.class, new ModelSerializer<>(ModelSerializer.Model.CHECKOUT_ROW));
    public static final FormatTypeInfo<BuyerSignal> BUYER_SIGNAL =
            new FormatTypeInfo<>(BuyerSignal.class, new ModelSerializer<>(ModelSerializer.Model.BUYER_SIGNAL));

    private final Class<T> type;
    private final FormatSerializer<T> serializer;

    private FormatTypeInfo(Class<T> type, FormatSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<T> createSerializer(ExecutionConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return "FormatTypeInfo<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof FormatTypeInfo<?> other && other.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof FormatTypeInfo;
    }
}
