package io.homeacs.server.events;

import io.homeacs.server.json.Json;
import io.homeacs.server.security.Passwords;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.Sql;
import io.homeacs.server.task.SecretSealer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events to the operator's OSS. Publishing writes one delivery row per matching subscription (the
 * outbox); a dispatcher sends due rows, signed, and retries failures with growing delays until
 * the receiver answers 2xx or the attempts run out. Delivery is at least once: receivers dedupe
 * on the delivery id.
 */
public final class Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    static final int MAX_ATTEMPTS = 10;

    private final Database db;
    private final SecretSealer sealer;
    private final Duration retryBase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    /** A subscription as the API shows it; the secret is shown once, at creation. */
    public record Webhook(long id, String url, List<String> events, Instant createdAt, String createdBy) {
    }

    /** One attempt record of one event to one subscription. */
    public record Delivery(long id, String event, String state, int attempts, Instant createdAt, Instant nextAttemptAt,
                           Integer lastStatus, String lastError, Instant deliveredAt) {
    }

    public Webhooks(Database db, SecretSealer sealer, Duration retryBase) {
        this.db = db;
        this.sealer = sealer;
        this.retryBase = retryBase;
    }

    /** Subscribes a URL; returns the subscription and its signing secret. */
    public Map.Entry<Webhook, String> subscribe(String url, List<String> events, String createdBy, Instant now) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("webhook url must be an absolute http or https URL");
        }
        List<String> names = events.isEmpty() ? List.of("*") : events;
        for (String e : names) {
            if (!e.equals("*")) {
                EventType.parse(e);
            }
        }
        String secret = "whsec_" + Passwords.random(32);
        long id = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook (url, events, secret_enc, created_at, "
                + "created_by, active) VALUES (?,?,?,?,?,TRUE)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, url);
                ps.setString(2, String.join(",", names));
                ps.setString(3, sealer.seal(secret));
                Sql.setInstant(ps, 4, now);
                ps.setString(5, createdBy);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return Map.entry(new Webhook(id, url, names, now, createdBy), secret);
    }

    public List<Webhook> list() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, url, events, created_at, created_by FROM webhook WHERE active = TRUE ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<Webhook> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Webhook(rs.getLong(1), rs.getString(2), Arrays.asList(rs.getString(3).split(",")),
                        Sql.instant(rs, "created_at"), rs.getString(5)));
                }
                return out;
            }
        });
    }

    public Optional<Webhook> find(long id) {
        return list().stream().filter(w -> w.id() == id).findFirst();
    }

    /** Stops deliveries to a subscription; its pending deliveries are dropped with it. */
    public boolean unsubscribe(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook SET active = FALSE WHERE id = ? AND active = TRUE")) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Records the event for every subscription that wants it; sending happens in {@link #deliverDue}. */
    public void publish(EventType type, Map<String, Object> data, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", type.wireName());
        body.put("occurredAt", now.toString());
        body.put("data", data);
        String payload = Json.write(body);
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_delivery (webhook_id, event, payload, "
                + "created_at, state, attempts, next_attempt_at) SELECT id, ?, ?, ?, 'PENDING', 0, ? FROM webhook "
                + "WHERE active = TRUE AND (events = '*' OR ',' || events || ',' LIKE ?)")) {
                ps.setString(1, type.wireName());
                ps.setString(2, payload);
                Sql.setInstant(ps, 3, now);
                Sql.setInstant(ps, 4, now);
                ps.setString(5, "%," + type.wireName() + ",%");
                return ps.executeUpdate();
            }
        });
    }

    /** Sends due deliveries without blocking the caller; each outcome is written when it arrives. */
    public void deliverDue(Instant now) {
        for (Due d : due(now)) {
            if (!inFlight.add(d.id)) {
                continue;
            }
            long ts = now.getEpochSecond();
            HttpRequest req = HttpRequest.newBuilder(URI.create(d.url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-HomeACS-Event", d.event)
                .header("X-HomeACS-Delivery", Long.toString(d.id)).header("X-HomeACS-Timestamp", Long.toString(ts))
                .header("X-HomeACS-Signature", WebhookSigner.sign(sealer.open(d.secretSealed), ts, d.payload))
                .POST(HttpRequest.BodyPublishers.ofString(d.payload)).build();
            http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                try {
                    record(d, r == null ? null : r.statusCode(), e == null ? null : String.valueOf(e.getCause() == null
                        ? e : e.getCause()), Instant.now());
                } finally {
                    inFlight.remove(d.id);
                }
            });
        }
    }

    private record Due(long id, String url, String secretSealed, String event, String payload, int attempts) {
    }

    private List<Due> due(Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, w.url, w.secret_enc, d.event, d.payload, d.attempts "
                + "FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id WHERE d.state = 'PENDING' "
                + "AND d.next_attempt_at <= ? AND w.active = TRUE ORDER BY d.id LIMIT 200")) {
                Sql.setInstant(ps, 1, now);
                List<Due> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6)));
                    }
                }
                return out;
            }
        });
    }

    private void record(Due d, Integer status, String error, Instant now) {
        boolean ok = status != null && status >= 200 && status < 300;
        int attempts = d.attempts + 1;
        String state = ok ? "DELIVERED" : attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING";
        Instant next = now.plus(retryBase.multipliedBy(1L << Math.min(attempts - 1, 7)));
        if (!ok) {
            LOG.info("webhook delivery {} ({}) to {} failed, attempt {}: {}", d.id, d.event, d.url, attempts,
                status != null ? "HTTP " + status : error);
        }
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_delivery SET state = ?, attempts = ?, "
                + "next_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE id = ?")) {
                ps.setString(1, state);
                ps.setInt(2, attempts);
                Sql.setInstant(ps, 3, next);
                Sql.setNullableInt(ps, 4, status);
                ps.setString(5, error == null ? null : error.substring(0, Math.min(500, error.length())));
                Sql.setInstant(ps, 6, ok ? now : null);
                ps.setLong(7, d.id);
                return ps.executeUpdate();
            }
        });
    }

    public List<Delivery> deliveries(long webhookId, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, event, state, attempts, created_at, next_attempt_at, "
                + "last_status, last_error, delivered_at FROM webhook_delivery WHERE webhook_id = ? ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, webhookId);
                ps.setInt(2, limit);
                List<Delivery> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            Sql.instant(rs, "created_at"), Sql.instant(rs, "next_attempt_at"), Sql.nullableInt(rs, "last_status"),
                            rs.getString(8), Sql.instant(rs, "delivered_at")));
                    }
                }
                return out;
            }
        });
    }
}
