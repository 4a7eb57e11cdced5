package io.buyersignals.testkit;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The CDC binlog client logs through java.util.logging; its INFO lines (connected, keep-alive stopped) say nothing
 * to someone watching a command-line run.
 */
public final class BinlogClientLog {
    /** Held here: java.util.logging keeps loggers only weakly, and a collected one forgets its level. */
    private static final Logger LOGGER = Logger.getLogger("com.github.shyiko.mysql.binlog");

    private BinlogClientLog() {}

    public static void quiet() {
        LOGGER.setLevel(Level.WARNING);
    }
}
