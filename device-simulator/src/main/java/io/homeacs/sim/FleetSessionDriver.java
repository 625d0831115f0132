package io.homeacs.sim;

import io.homeacs.sim.bench.SessionDriver;
import io.homeacs.sim.cwmp.ConnectionSource;
import io.homeacs.sim.cwmp.HttpConnection;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Bench lanes over a fleet: each lane keeps one keep-alive connection and reuses it across sessions. */
final class FleetSessionDriver implements SessionDriver {
    private final List<VirtualDevice> devices;
    private final SimRuntime rt;
    private final URI acsUrl;

    FleetSessionDriver(List<VirtualDevice> devices, SimRuntime rt, URI acsUrl) {
        this.devices = devices;
        this.rt = rt;
        this.acsUrl = acsUrl;
    }

    @Override
    public int deviceCount() {
        return devices.size();
    }

    @Override
    public Lane newLane() {
        return new LaneImpl();
    }

    private final class LaneImpl implements Lane, ConnectionSource {
        private final io.netty.channel.EventLoop loop = rt.transport.group().next();
        private HttpConnection connection;
        private volatile boolean closed;

        @Override
        public CompletableFuture<Void> periodicSession(int deviceIndex) {
            return devices.get(deviceIndex).benchSession(this);
        }

        @Override
        public void execute(Runnable task) {
            loop.execute(task);
        }

        @Override
        public synchronized CompletableFuture<HttpConnection> acquire() {
            if (connection != null && connection.isOpen()) {
                return CompletableFuture.completedFuture(connection);
            }
            return rt.transport.connect(acsUrl).thenApply(c -> {
                synchronized (this) {
                    connection = c;
                }
                return c;
            });
        }

        @Override
        public synchronized void release(HttpConnection c, boolean ok) {
            if (!ok || closed) {
                c.close();
                if (connection == c) {
                    connection = null;
                }
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }
}
