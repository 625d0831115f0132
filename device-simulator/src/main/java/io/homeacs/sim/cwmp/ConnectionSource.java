package io.homeacs.sim.cwmp;

import java.util.concurrent.CompletableFuture;

/** Where a session gets its HTTP connection from and gives it back to at the end. */
public interface ConnectionSource {
    CompletableFuture<HttpConnection> acquire();

    /** ok is false when the session failed; the connection's state is then unknown. */
    void release(HttpConnection connection, boolean ok);

    /** A fresh connection per session, closed at its end, as a real CPE does. */
    static ConnectionSource perSession(HttpTransport transport, java.net.URI acsUrl) {
        return new ConnectionSource() {
            @Override
            public CompletableFuture<HttpConnection> acquire() {
                return transport.connect(acsUrl);
            }

            @Override
            public void release(HttpConnection connection, boolean ok) {
                connection.close();
            }
        };
    }
}
