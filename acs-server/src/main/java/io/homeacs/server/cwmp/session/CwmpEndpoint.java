package io.homeacs.server.cwmp.session;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.cwmp.auth.CpeAuthenticator;
import io.homeacs.server.cwmp.auth.CpePrincipal;
import io.homeacs.server.cwmp.soap.AcsMessage;
import io.homeacs.server.cwmp.soap.CpeEnvelope;
import io.homeacs.server.cwmp.soap.CpeRequest;
import io.homeacs.server.cwmp.soap.CwmpFault;
import io.homeacs.server.cwmp.soap.CwmpVersion;
import io.homeacs.server.cwmp.soap.EventStruct;
import io.homeacs.server.cwmp.soap.Inform;
import io.homeacs.server.cwmp.soap.InformResponse;
import io.homeacs.server.cwmp.soap.SoapDecodeException;
import io.homeacs.server.cwmp.soap.SoapDecoder;
import io.homeacs.server.cwmp.soap.SoapEncoder;
import io.homeacs.server.cwmp.transport.CwmpHttpRequest;
import io.homeacs.server.cwmp.transport.CwmpHttpResponse;
import io.homeacs.server.cwmp.transport.CwmpRequestHandler;
import io.homeacs.server.cwmp.rpc.RpcMapper;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.security.DeviceCredentials;
import io.homeacs.server.task.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CWMP endpoint's fixed stages for each HTTP request: find the session → authenticate (only
 * to open one) → decode → dispatch (Inform opens a session, CPE requests are answered, responses
 * complete tasks, an empty POST hands the turn to the ACS) → encode. Sessions are serialised on
 * their own monitor, so one device is handled one message at a time.
 */
public final class CwmpEndpoint implements CwmpRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CwmpEndpoint.class);

    private final SessionTable sessions = new SessionTable();
    private final SoapDecoder decoder = new SoapDecoder();
    private final SoapEncoder encoder = new SoapEncoder();
    private final CpeAuthenticator authenticator;
    private final InformProcessor informs;
    private final SessionDriver driver;
    private final AcsMetrics metrics;
    private final Clock clock;
    private final String cookiePath;
    private final boolean connectionFallback;

    private CwmpEndpoint(CpeAuthenticator authenticator, InformProcessor informs, SessionDriver driver, AcsMetrics metrics,
                         Clock clock, String cookiePath, boolean connectionFallback) {
        this.authenticator = authenticator;
        this.connectionFallback = connectionFallback;
        this.informs = informs;
        this.driver = driver;
        this.metrics = metrics;
        this.clock = clock;
        this.cookiePath = cookiePath;
        metrics.gauge("acs.cwmp.sessions.open", "CWMP sessions currently open", sessions::size);
    }

    @Override
    public CwmpHttpResponse handle(CwmpHttpRequest req) {
        Instant now = clock.instant();
        CwmpSession session = sessions.find(req.cookieHeader(), req.connectionId(), connectionFallback);
        if (req.body().length == 0 && session != null) {
            synchronized (session) {
                if (session.state == SessionState.ENDED) {
                    return sessionEnded();
                }
                session.lastActivity = now;
                return reply(session, driver.onEmptyPost(session, now), now);
            }
        }
        CpePrincipal principal = null;
        if (session == null) {
            CpeAuthenticator.Result auth = authenticator.authenticate(req.authorization(), req.path(), req.tls(), now);
            if (auth instanceof CpeAuthenticator.Result.Challenge c) {
                if (req.authorization() != null) {
                    metrics.authFailure();
                    LOG.info("CWMP authentication from {} failed: {}", req.remoteIp(), c.reason());
                }
                return new CwmpHttpResponse(401, Map.of("WWW-Authenticate", c.wwwAuthenticate()), new byte[0]);
            }
            principal = ((CpeAuthenticator.Result.Authenticated) auth).principal();
            if (req.body().length == 0) {
                metrics.badRequest("empty-post-without-session");
                return CwmpHttpResponse.text(400, "no CWMP session: a session starts with an Inform");
            }
        }
        CpeEnvelope env;
        try {
            env = decoder.decode(req.body());
        } catch (SoapDecodeException e) {
            return decodeFailure(e, req, session);
        }
        if (env.message() instanceof Inform inform) {
            if (principal == null) {
                // A new session is always authenticated afresh; a cookie is not a credential.
                CpeAuthenticator.Result auth = authenticator.authenticate(req.authorization(), req.path(), req.tls(), now);
                if (auth instanceof CpeAuthenticator.Result.Challenge c) {
                    return new CwmpHttpResponse(401, Map.of("WWW-Authenticate", c.wwwAuthenticate()), new byte[0]);
                }
                principal = ((CpeAuthenticator.Result.Authenticated) auth).principal();
            }
            if (session != null) {
                endSession(session, "superseded", "the device started a new session", now, null);
            }
            return open(principal, env, inform, req, now);
        }
        if (session == null) {
            return fault(env.version(), env.id(), CwmpFault.of(CwmpFault.INVALID_ARGUMENTS,
                "no session: the first message of a session must be Inform"), null);
        }
        synchronized (session) {
            if (session.state == SessionState.ENDED) {
                return sessionEnded();
            }
            session.lastActivity = now;
            if (env.message() instanceof CpeRequest request) {
                return envelope(session, 200, driver.answer(session, request, now), env.id());
            }
            return reply(session, driver.onResponse(session, env.message(), now), now);
        }
    }

    private CwmpHttpResponse open(CpePrincipal principal, CpeEnvelope env, Inform inform, CwmpHttpRequest req, Instant now) {
        for (EventStruct e : inform.events()) {
            metrics.informEvent(e.eventCode());
        }
        String useVersion = VersionNegotiation.choose(env.supportedVersions());
        String label = useVersion != null ? "cwmp-" + useVersion.replace('.', '-') : label(env.version());
        CwmpSession s;
        CwmpSession previous;
        String key = new DeviceIdentity(inform.deviceId().oui(), inform.deviceId().productClass(),
            inform.deviceId().serialNumber()).key();
        // Lock order is session monitor → device lock everywhere, so the superseded session is
        // ended only after the device lock is released.
        synchronized (informs.lockFor(key)) {
            InformProcessor.Result result = informs.process(principal, inform, label, req.remoteIp(), now);
            if (result.refusal() != null) {
                metrics.authFailure();
                LOG.warn("Inform from {} refused: {}", req.remoteIp(), result.refusal());
                return CwmpHttpResponse.text(403, "refused: " + result.refusal());
            }
            s = new CwmpSession(SessionTable.newId(), env.version(), principal, result.device(), req.connectionId(), now);
            previous = sessions.open(s);
        }
        if (previous != null) {
            endSession(previous, "superseded", "the device started a new session", now, null);
        }
        metrics.sessionStarted("cwmp");
        String cookie = SessionTable.COOKIE + "=" + s.id + "; Path=" + cookiePath + "; HttpOnly" + (req.tls() ? "; Secure" : "");
        byte[] body = encoder.encode(s.version, env.id(), false, useVersion, new InformResponse(1));
        return CwmpHttpResponse.xml(200, body, Map.of("Set-Cookie", cookie));
    }

    private CwmpHttpResponse reply(CwmpSession s, SessionDriver.Step step, Instant now) {
        if (step.message() == null) {
            sessions.close(s);
            s.state = SessionState.ENDED;
            metrics.sessionEnded("cwmp", "ok", Duration.between(s.startedAt, now));
            return CwmpHttpResponse.noContent(Map.of());
        }
        return envelope(s, 200, step.message(), step.id());
    }

    private CwmpHttpResponse envelope(CwmpSession s, int status, AcsMessage message, String id) {
        return CwmpHttpResponse.xml(status, encoder.encode(s.version, id, false, message), Map.of());
    }

    private CwmpHttpResponse decodeFailure(SoapDecodeException e, CwmpHttpRequest req, CwmpSession session) {
        metrics.badRequest(e.reason().name().toLowerCase(java.util.Locale.ROOT));
        LOG.warn("bad CWMP message from {}: {} ({})", req.remoteIp(), e.reason(), e.getMessage());
        CwmpVersion version = e.version() != null ? e.version() : session != null ? session.version : null;
        return switch (e.reason()) {
            case MALFORMED_XML, NOT_SOAP -> CwmpHttpResponse.text(400, "malformed SOAP: " + e.getMessage());
            case UNSUPPORTED_CWMP_VERSION -> fault(CwmpVersion.V1_0, e.id(),
                CwmpFault.of(CwmpFault.ACS_VERSION_NOT_SUPPORTED, "unsupported CWMP namespace"), session);
            case UNKNOWN_METHOD -> fault(version, e.id(), CwmpFault.of(CwmpFault.METHOD_NOT_SUPPORTED,
                "method not supported: " + e.methodName()), session);
            case INVALID_ARGUMENTS -> fault(version, e.id(), CwmpFault.of(CwmpFault.INVALID_ARGUMENTS,
                "invalid arguments: " + e.getMessage()), session);
        };
    }

    /** SOAP 1.1 carries faults with HTTP 500; the session, if any, stays open. */
    private CwmpHttpResponse fault(CwmpVersion version, String id, CwmpFault fault, CwmpSession session) {
        metrics.acsFault(fault.faultCode());
        if (session != null) {
            session.lastActivity = clock.instant();
        }
        return CwmpHttpResponse.xml(500, encoder.encode(version == null ? CwmpVersion.V1_0 : version, id, false, fault), Map.of());
    }

    /** Ends a session; with idleTimeout set, only if it is still idle once its monitor is held. */
    private void endSession(CwmpSession s, String outcome, String reason, Instant now, Duration idleTimeout) {
        synchronized (s) {
            if (s.state == SessionState.ENDED || idleTimeout != null && !idle(s, now, idleTimeout)) {
                return;
            }
            driver.abandon(s, reason);
        }
        sessions.close(s);
        metrics.sessionEnded("cwmp", outcome, Duration.between(s.startedAt, now));
        LOG.info("session of device {} ended: {}", s.device.key(), reason);
    }

    /**
     * Closes sessions idle longer than the timeout. A CPE working on an RPC (a full-tree
     * GetParameterValues on a slow box) gets twice as long before it is given up.
     */
    public void reapIdle(Duration timeout) {
        Instant now = clock.instant();
        for (CwmpSession s : sessions.idleSince(now, timeout)) {
            endSession(s, "timeout", "idle for more than " + timeout.toSeconds() + " s", now, timeout);
        }
    }

    private static boolean idle(CwmpSession s, Instant now, Duration timeout) {
        Duration limit = s.state == SessionState.AWAITING_RESPONSE ? timeout.multipliedBy(2) : timeout;
        return s.lastActivity.plus(limit).isBefore(now);
    }

    private static CwmpHttpResponse sessionEnded() {
        return CwmpHttpResponse.text(400, "this CWMP session has ended; start a new one with an Inform");
    }

    @Override
    public void connectionClosed(String connectionId) {
        sessions.connectionClosed(connectionId);
    }

    private static String label(CwmpVersion v) {
        String ns = v.namespace();
        return ns.substring(ns.lastIndexOf(':') + 1);
    }

    /** Wires the endpoint to the domain services it drives. */
    public static CwmpEndpoint create(CpeAuthenticator authenticator, DeviceRegistry registry, TaskQueue tasks,
                                      DeviceCredentials credentials, AcsConfig.Cpe cpe, RpcMapper rpcs,
                                      AcsMetrics metrics, Clock clock, String cookiePath, boolean behindProxy) {
        return new CwmpEndpoint(authenticator, new InformProcessor(registry, tasks, credentials, cpe),
            new SessionDriver(tasks, registry, rpcs, metrics), metrics, clock, cookiePath, !behindProxy);
    }
}
