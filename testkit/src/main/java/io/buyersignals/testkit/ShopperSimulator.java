package io.buyersignals.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buyersignals.contract.Json;
import io.buyersignals.model.ExperimentArm;
import io.buyersignals.model.ShopRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Shoppers in a few shops, one interaction per {@link #step()}: they browse and fill carts, change their minds, chat
 * with the merchant, reach checkout and complete orders, and now and then a client sends a broken record. Writes
 * the contract's documents through {@link Traffic}; with the same seed and clock it writes the same documents.
 */
public final class ShopperSimulator {
    /** Where the documents go: Kafka topics and the checkouts table in the local run, a list in tests. */
    public interface Traffic {
        void cartSnapshot(String buyerToken, String json);

        void chatEvent(String buyerToken, String json);

        /** One checkout row version in the replay's checkouts.jsonl form. */
        void checkoutRow(String json);
    }

    /** A row of the shops table; {@code arm} is null for a shop that takes no part in the experiment. */
    public record Shop(long id, String domain, boolean inboxEnabled, ExperimentArm arm) {
        public ShopRow row() {
            return new ShopRow(id, domain, inboxEnabled, arm);
        }

        /** The shops as the job's table holds them. */
        public static Map<Long, ShopRow> table(List<Shop> shops) {
            Map<Long, ShopRow> table = new HashMap<>();
            for (Shop shop : shops) {
                table.put(shop.id(), shop.row());
            }
            return table;
        }
    }

    /**
     * One shop in each experiment arm, one outside it, and one with its inbox disabled, whose buyers' inputs the job
     * drops.
     */
    public static final List<Shop> SHOPS = List.of(
            new Shop(1, "linen-and-co.myshopify.com", true, ExperimentArm.TREATMENT),
            new Shop(2, "north-pottery.myshopify.com", true, ExperimentArm.CONTROL),
            new Shop(3, "closed-shop.myshopify.com", false, null),
            new Shop(4, "quiet-candles.myshopify.com", true, null));

    /**
     * How merchants behave: the chance that a conversation gets a reply and the chance that it ends in an order,
     * decided when it starts. Treatment shops' merchants, who see the signals, add the effects; the read-out must
     * find exactly these differences.
     */
    public record Merchants(double replyRate, double conversionRate, double replyEffect, double conversionEffect) {
        public static final Merchants DEFAULT = new Merchants(0.6, 0.2, 0.1, 0.05);

        double replyRate(Shop shop) {
            return replyRate + (shop.arm() == ExperimentArm.TREATMENT ? replyEffect : 0);
        }

        double conversionRate(Shop shop) {
            return conversionRate + (shop.arm() == ExperimentArm.TREATMENT ? conversionEffect : 0);
        }
    }

    private record Product(long variantId, long productId, String title, BigDecimal price) {}

    private static final String[][] CATALOG = {
        {"Linen shirt", "39.00"}, {"Wool socks", "9.50"}, {"Canvas tote", "22.00"}, {"Stoneware mug", "24.00"},
        {"Dinner plate", "18.50"}, {"Rain jacket", "129.00"}, {"Beanie", "19.00"}, {"Serving bowl", "46.00"},
        {"Scarf", "35.00"}, {"Espresso cup", "14.00"}, {"Apron", "28.00"}, {"Tea towel", "12.00"},
    };

    private static final double HARMONIC_TOTAL = harmonic(CATALOG.length);

    /** What the simulator has written so far. */
    public static final class Counts {
        public long cartSnapshots;
        public long chatEvents;
        public long checkoutsStarted;
        public long ordersCompleted;
        public long badRecords;

        public long total() {
            return cartSnapshots + chatEvents + checkoutsStarted + ordersCompleted + badRecords;
        }
    }

    private static final class Buyer {
        final Shop shop;
        final String token;
        int carts;
        String cartToken;
        final TreeMap<Long, Integer> cart = new TreeMap<>();
        String conversationId;
        /** What the open conversation holds in store, decided when it starts. */
        boolean willReply;

        boolean willBuy;
        boolean asked;
        boolean replied;
        boolean bought;
        ObjectNode openCheckout;

        Buyer(Shop shop, String token) {
            this.shop = shop;
            this.token = token;
            newCart();
        }

        void newCart() {
            cartToken = "c-" + token.substring(2) + "-" + ++carts;
            cart.clear();
        }
    }

    private final Random random;
    private final LongSupplier clock;
    private final Traffic traffic;
    private final Merchants merchants;
    private final List<Buyer> buyers = new ArrayList<>();
    private final Counts counts = new Counts();
    private long lastTime;
    private long events;
    private long conversations;
    private long checkouts;

    public ShopperSimulator(int buyerCount, long seed, LongSupplier clock, Traffic traffic) {
        this(buyerCount, seed, clock, traffic, SHOPS, Merchants.DEFAULT);
    }

    public ShopperSimulator(
            int buyerCount, long seed, LongSupplier clock, Traffic traffic, List<Shop> shops, Merchants merchants) {
        this.random = new Random(seed);
        this.clock = clock;
        this.traffic = traffic;
        this.merchants = merchants;
        for (int i = 1; i <= buyerCount; i++) {
            Shop shop = shops.get(i % shops.size());
            buyers.add(new Buyer(shop, String.format("b-%d-%04d", shop.id(), i)));
        }
    }

    public Counts counts() {
        return counts;
    }

    /** One interaction of one buyer. */
    public synchronized void step() {
        Buyer buyer = buyers.get(random.nextInt(buyers.size()));
        long now = nextTime();
        int roll = random.nextInt(100);
        if (roll == 0) {
            sendBadRecord(buyer, now);
        } else if (buyer.conversationId != null) {
            converse(buyer, now, roll);
        } else if (buyer.openCheckout != null && roll < 35) {
            completeOrder(buyer, now);
        } else if (roll < 10) {
            startConversation(buyer, now);
        } else if (!buyer.cart.isEmpty() && buyer.openCheckout == null && roll < 32) {
            startCheckout(buyer, now);
        } else if (!buyer.cart.isEmpty() && roll < 50) {
            changeOrRemove(buyer, now);
        } else {
            addItem(buyer, now);
        }
    }

    private void addItem(Buyer buyer, long now) {
        Product product = popularProduct(buyer.shop);
        buyer.cart.merge(product.variantId(), 1 + (random.nextInt(4) == 0 ? 1 : 0), Integer::sum);
        sendCart(buyer, now);
    }

    private void changeOrRemove(Buyer buyer, long now) {
        List<Long> variants = new ArrayList<>(buyer.cart.keySet());
        long variant = variants.get(random.nextInt(variants.size()));
        if (random.nextBoolean()) {
            buyer.cart.remove(variant);
        } else {
            buyer.cart.put(variant, 1 + random.nextInt(4));
        }
        sendCart(buyer, now);
    }

    /** A few products sell far more than the rest (Zipf-like: weight 1/rank). */
    private Product popularProduct(Shop shop) {
        double pick = random.nextDouble() * HARMONIC_TOTAL;
        for (int index = 0; index < CATALOG.length - 1; index++) {
            pick -= 1.0 / (index + 1);
            if (pick < 0) {
                return product(shop, index);
            }
        }
        return product(shop, CATALOG.length - 1);
    }

    private static Product product(Shop shop, int index) {
        long productId = shop.id() * 1000 + index + 1;
        return new Product(productId * 10 + 1, productId, CATALOG[index][0], new BigDecimal(CATALOG[index][1]));
    }

    private static Product productOfVariant(Shop shop, long variantId) {
        return product(shop, (int) (variantId / 10 - shop.id() * 1000 - 1));
    }

    private void sendCart(Buyer buyer, long now) {
        ObjectNode doc = envelope("cart_snapshot", buyer, now);
        doc.put("cart_token", buyer.cartToken);
        doc.put("currency", "USD");
        ArrayNode items = doc.putArray("line_items");
        for (Map.Entry<Long, Integer> line : buyer.cart.entrySet()) {
            Product product = productOfVariant(buyer.shop, line.getKey());
            items.addObject()
                    .put("variant_id", product.variantId())
                    .put("product_id", product.productId())
                    .put("title", product.title())
                    .put("quantity", line.getValue())
                    .put("unit_price", product.price().toPlainString());
        }
        counts.cartSnapshots++;
        traffic.cartSnapshot(buyer.token, doc.toString());
    }

    /**
     * Plays every open conversation out to its close, so that an experiment's last conversations end as they were
     * meant to rather than cut short by the end of the input.
     */
    public synchronized void playOutConversations() {
        for (Buyer buyer : buyers) {
            while (buyer.conversationId != null) {
                converse(buyer, nextTime(), random.nextInt(100));
            }
        }
    }

    /** Strictly increasing times: the story the simulator tells is the order the job must see. */
    private long nextTime() {
        lastTime = Math.max(clock.getAsLong(), lastTime + 1);
        return lastTime;
    }

    private void startConversation(Buyer buyer, long now) {
        buyer.conversationId = "conv-" + buyer.shop.id() + "-" + ++conversations;
        buyer.willReply = random.nextDouble() < merchants.replyRate(buyer.shop);
        buyer.willBuy = random.nextDouble() < merchants.conversionRate(buyer.shop);
        buyer.replied = false;
        buyer.bought = false;
        // Most conversations open with the widget; some with a first message.
        buyer.asked = random.nextInt(4) == 0;
        chat(buyer, buyer.asked ? "buyer_message" : "conversation_started", now);
    }

    /**
     * A conversation plays out what was decided when it started: the buyer asks, the merchant replies or never
     * does, the buyer orders or never does, and only then does it close. So every conversation counts towards the
     * response rate, and it converts exactly when it was meant to.
     */
    private void converse(Buyer buyer, long now, int roll) {
        if (!buyer.asked) {
            buyer.asked = true;
            chat(buyer, "buyer_message", now);
        } else if (buyer.willReply && !buyer.replied && roll < 50) {
            buyer.replied = true;
            chat(buyer, "merchant_message", now);
        } else if (buyer.willBuy && !buyer.bought) {
            if (buyer.cart.isEmpty()) {
                addItem(buyer, now);
            } else if (buyer.openCheckout == null) {
                startCheckout(buyer, now);
            } else {
                buyer.bought = true;
                completeOrder(buyer, now);
            }
        } else if (buyer.willReply && !buyer.replied) {
            changeOrAdd(buyer, now);
        } else if (roll < 30) {
            chat(buyer, buyer.replied && roll < 15 ? "merchant_message" : "buyer_message", now);
        } else if (roll < 85) {
            // The buyer keeps shopping while they chat: most live signals are these cart changes.
            changeOrAdd(buyer, now);
        } else {
            chat(buyer, "conversation_closed", now);
            buyer.conversationId = null;
        }
    }

    private void changeOrAdd(Buyer buyer, long now) {
        if (buyer.cart.isEmpty() || buyer.openCheckout != null) {
            addItem(buyer, now);
        } else {
            changeOrRemove(buyer, now);
        }
    }

    private void chat(Buyer buyer, String type, long now) {
        ObjectNode doc = envelope("chat_event", buyer, now);
        doc.put("conversation_id", buyer.conversationId);
        doc.put("type", type);
        doc.put("channel", "online_store_chat");
        counts.chatEvents++;
        traffic.chatEvent(buyer.token, doc.toString());
    }

    private void startCheckout(Buyer buyer, long now) {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<Long, Integer> line : buyer.cart.entrySet()) {
            Product product = productOfVariant(buyer.shop, line.getKey());
            total = total.add(product.price().multiply(BigDecimal.valueOf(line.getValue())));
        }
        ObjectNode row = Json.MAPPER.createObjectNode();
        row.put("id", 100_000 + ++checkouts);
        row.put("shop_id", buyer.shop.id());
        row.put("buyer_token", buyer.token);
        row.put("cart_token", buyer.cartToken);
        row.put("currency", "USD");
        row.put("total_price", total.setScale(2).toPlainString());
        row.putNull("order_id");
        row.putNull("order_number");
        row.put("created_at", Json.timestamp(now));
        row.put("updated_at", Json.timestamp(now));
        row.putNull("completed_at");
        buyer.openCheckout = row;
        counts.checkoutsStarted++;
        traffic.checkoutRow(row.toString());
    }

    private void completeOrder(Buyer buyer, long now) {
        ObjectNode row = buyer.openCheckout;
        long orderNumber = row.get("id").asLong() - 100_000 + 1000;
        row.put("order_id", 500_000 + orderNumber);
        row.put("order_number", "#" + orderNumber);
        row.put("updated_at", Json.timestamp(now));
        row.put("completed_at", Json.timestamp(now));
        buyer.openCheckout = null;
        buyer.newCart();
        counts.ordersCompleted++;
        traffic.checkoutRow(row.toString());
    }

    /** What broken clients send: the job must turn each into a dead letter and carry on. */
    private void sendBadRecord(Buyer buyer, long now) {
        counts.badRecords++;
        switch (random.nextInt(3)) {
            case 0 -> traffic.cartSnapshot(buyer.token, "{\"schema\":\"cart_snapshot\",\"version\":1,\"event_id\":");
            case 1 -> {
                ObjectNode doc = envelope("cart_snapshot", buyer, now);
                doc.put("cart_token", buyer.cartToken);
                doc.put("currency", "USD");
                doc.putArray("line_items")
                        .addObject()
                        .put("variant_id", 1)
                        .put("product_id", 1)
                        .put("title", "Hat")
                        .put("quantity", 0)
                        .put("unit_price", "5.00");
                traffic.cartSnapshot(buyer.token, doc.toString());
            }
            default -> {
                ObjectNode doc = envelope("chat_event", buyer, now);
                doc.put("conversation_id", "conv-broken");
                doc.put("type", "buyer_typing");
                traffic.chatEvent(buyer.token, doc.toString());
            }
        }
    }

    private static double harmonic(int n) {
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1.0 / rank;
        }
        return sum;
    }

    private ObjectNode envelope(String schema, Buyer buyer, long now) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("schema", schema);
        doc.put("version", 1);
        // Zero-padded, so that ids sort like the sequence (the job breaks time ties by event id).
        doc.put("event_id", String.format("sim-%010d", ++events));
        doc.put("shop_id", buyer.shop.id());
        doc.put("buyer_token", buyer.token);
        doc.put("occurred_at", Json.timestamp(now));
        return doc;
    }
}
