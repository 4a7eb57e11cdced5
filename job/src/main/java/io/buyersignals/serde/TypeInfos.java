package io.buyersignals.serde;

import io.buyersignals.model.BuyerAlert;
import io.buyersignals.model.BuyerEvent;
import io.buyersignals.model.BuyerKey;
import io.buyersignals.model.BuyerSignal;
import io.buyersignals.model.CheckoutRow;
import io.buyersignals.model.ConversationContext;
import io.buyersignals.model.ConversationOutcome;
import io.buyersignals.model.DeadLetter;
import io.buyersignals.model.Parsed;
import io.buyersignals.model.ShopRow;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Every type that crosses an operator boundary, stated once so no generic erasure ever falls back to Kryo. */
public final class TypeInfos {
    public static final TypeInformation<BuyerKey> BUYER_KEY = TypeInformation.of(BuyerKey.class);
    /** The buyer timeline's inputs and outputs, serialized field by field: the busiest edges of the graph. */
    public static final TypeInformation<BuyerEvent> BUYER_EVENT = FormatTypeInfo.BUYER_EVENT;

    public static final TypeInformation<CheckoutRow> CHECKOUT_ROW = FormatTypeInfo.CHECKOUT_ROW;
    public static final TypeInformation<ShopRow> SHOP_ROW = TypeInformation.of(ShopRow.class);
    public static final TypeInformation<BuyerSignal> BUYER_SIGNAL = FormatTypeInfo.BUYER_SIGNAL;
    /** Between the timeline, the order links and the sinks only (never in state): Flink's POJO serializer. */
    public static final TypeInformation<ConversationContext> CONVERSATION_CONTEXT =
            TypeInformation.of(ConversationContext.class);

    public static final TypeInformation<BuyerAlert> BUYER_ALERT = TypeInformation.of(BuyerAlert.class);
    public static final TypeInformation<ConversationOutcome> CONVERSATION_OUTCOME =
            TypeInformation.of(ConversationOutcome.class);
    public static final TypeInformation<DeadLetter> DEAD_LETTER = TypeInformation.of(DeadLetter.class);
    public static final TypeInformation<Parsed<BuyerEvent>> PARSED_BUYER_EVENT =
            TypeInformation.of(new TypeHint<Parsed<BuyerEvent>>() {});
    public static final TypeInformation<Parsed<CheckoutRow>> PARSED_CHECKOUT_ROW =
            TypeInformation.of(new TypeHint<Parsed<CheckoutRow>>() {});
    public static final TypeInformation<Parsed<ShopRow>> PARSED_SHOP_ROW =
            TypeInformation.of(new TypeHint<Parsed<ShopRow>>() {});

    private TypeInfos() {}
}
