package io.buyersignals.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One readable line per signal, from the sample's expected output. */
class SignalPrinterTest {
    @Test
    void describesEachKindOfSignalOnOneLine() throws Exception {
        List<String> signals = Files.readAllLines(Path.of("../job/sample/expected/signals.jsonl"));
        assertThat(SignalPrinter.describeSignal(signals.get(0)))
                .isEqualTo("09:07:00.000  shop 42  b-alice    "
                        + "conv-a1      cart_updated     context Linen shirt 1→2, 5 items · 106.50 USD");
        assertThat(SignalPrinter.describeSignal(signals.get(1))).endsWith("live    -3 Wool socks, 2 items · 78.00 USD");
        assertThat(SignalPrinter.describeSignal(signals.get(2)))
                .endsWith("checkout_started live    checkout 9301 · 78.00 USD");
        assertThat(SignalPrinter.describeSignal(signals.get(3)))
                .endsWith("order_completed  live    order #1003 · "
                        + "78.00 USD · https://linen-and-co.myshopify.com/admin/orders/7301");
    }

    @Test
    void describesADeadLetter() {
        assertThat(SignalPrinter.describeDeadLetter("{\"source\":\"cart-events\",\"partition\":1,\"offset\":7,"
                        + "\"error\":\"line_items[0].quantity must be an integer from 1 to 100000\",\"raw\":\"{}\"}"))
                .isEqualTo("dead letter from cart-events (partition 1, offset 7): "
                        + "line_items[0].quantity must be an integer from 1 to 100000");
    }
}
