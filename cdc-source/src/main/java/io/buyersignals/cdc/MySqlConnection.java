package io.buyersignals.cdc;

import java.io.Serializable;

/** Where the tables live. The password never appears in {@link #toString()}. */
public record MySqlConnection(
        String hostname, int port, String database, String username, String password, String serverTimeZone)
        implements Serializable {

    @Override
    public String toString() {
        return "MySqlConnection[" + username + "@" + hostname + ":" + port + "/" + database + ", serverTimeZone="
                + serverTimeZone + "]";
    }
}
