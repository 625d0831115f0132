package io.homeacs.server.store;

import java.sql.SQLException;

/** A database failure; callers treat it as "not durable, do not acknowledge". */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
