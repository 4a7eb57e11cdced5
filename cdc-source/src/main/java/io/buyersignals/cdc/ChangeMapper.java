package io.buyersignals.cdc;

import java.io.Serializable;

/** Maps decoded changes to the job's records; both methods must not throw. */
public interface ChangeMapper<T> extends Serializable {
    T map(CdcChange change);

    /** A record that could not be decoded at all. */
    T undecodable(String raw, String error);
}
