package io.homeacs.server.nbi;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets keyed by caller (API token, or login name for failed logins): each key may spend
 * `burst` requests at once and regains `perSecond` per second. Idle buckets are dropped.
 */
final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one request's worth; returns 0 if allowed, else the seconds until one is available. */
    long acquire(String key, long nowNanos) {
        if ((calls.incrementAndGet() & 4095) == 0) {
            purge(nowNanos);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nowNanos - b.lastNanos) / 1e9 * perSecond);
            b.lastNanos = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }

    /** Gives back one spent request (a login that turned out to be right). */
    void refund(String key) {
        Bucket b = buckets.get(key);
        if (b != null) {
            synchronized (b) {
                b.tokens = Math.min(burst, b.tokens + 1);
            }
        }
    }

    /** Seconds until this key may act again, without spending anything (0 = now). */
    long waitFor(String key, long nowNanos) {
        Bucket b = buckets.get(key);
        if (b == null) {
            return 0;
        }
        synchronized (b) {
            double tokens = Math.min(burst, b.tokens + (nowNanos - b.lastNanos) / 1e9 * perSecond);
            return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }

    /** Forgets buckets that have refilled completely, so keys chosen by callers cannot pile up. */
    void purge(long nowNanos) {
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return b.tokens + (nowNanos - b.lastNanos) / 1e9 * perSecond >= burst;
            }
        });
    }
}
