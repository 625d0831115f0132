package io.homeacs.server.testsupport;

import io.homeacs.server.security.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A CPE played by the test, one HTTP request at a time, so each test can script exactly what a
 * device says and assert exactly what the ACS answers. Handles digest (or preemptive basic) auth and the
 * session cookie, over plain HTTP or HTTPS.
 */
public final class ScriptedCpe {
    private final HttpClient http;
    private final URI acs;
    private boolean basic;
    private String username;
    private String password;
    private String cookie;
    private String nonce;
    private String realm;
    private int nc;
    public final String oui;
    public final String productClass;
    public final String serial;
    public String namespace = "urn:dslforum-org:cwmp-1-2";
    public String root = "Device.";

    public record Reply(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        /** Text of the first element with this local name, or null. */
        public String text(String localName) {
            int i = body.indexOf(localName + ">");
            while (i > 0 && body.charAt(i - 1) != '<' && body.charAt(i - 1) != ':') {
                i = body.indexOf(localName + ">", i + 1);
            }
            if (i < 0) {
                return null;
            }
            int start = i + localName.length() + 1;
            int end = body.indexOf("</", start);
            return body.substring(start, end);
        }

        public String cwmpId() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(?:\\w+:)?ID\\b[^>]*>([^<]*)<").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    public ScriptedCpe(int port, String oui, String productClass, String serial, String username, String password) {
        this(URI.create("http://127.0.0.1:" + port + "/"), null, oui, productClass, serial, username, password);
    }

    /** A CPE talking to {@code acs}, which may be an https URI; {@code tls} is then the context it trusts the ACS with. */
    public ScriptedCpe(URI acs, SSLContext tls, String oui, String productClass, String serial, String username,
                       String password) {
        this.http = tls == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(tls).build();
        this.acs = acs;
        this.oui = oui;
        this.productClass = productClass;
        this.serial = serial;
        this.username = username;
        this.password = password;
    }

    public void credentials(String user, String pass) {
        this.username = user;
        this.password = pass;
        this.nonce = null;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** From now on open sessions with preemptive HTTP Basic instead of answering Digest challenges. */
    public ScriptedCpe useBasic() {
        basic = true;
        return this;
    }

    public void newSession() {
        cookie = null;
    }

    public String deviceKey() {
        return oui + "-" + productClass + "-" + serial;
    }

    public Reply inform(List<String[]> events, List<String[]> params) {
        return post(informXml(events, params));
    }

    public Reply emptyPost() {
        return post("");
    }

    public Reply respond(String id, String bodyXml) {
        return post(envelope(id, bodyXml));
    }

    public Reply post(String body) {
        Reply r = send(body, true);
        if (r.status() == 401 && !basic && username != null && r.header("WWW-Authenticate") != null
            && r.header("WWW-Authenticate").startsWith("Digest")) {
            Map<String, String> c = Digest.parseParams(r.header("WWW-Authenticate"));
            nonce = c.get("nonce");
            realm = c.get("realm");
            nc = 0;
            r = send(body, true);
        }
        return r;
    }

    public Reply postUnauthenticated(String body) {
        return send(body, false);
    }

    private Reply send(String body, boolean auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(acs).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            b.header("Content-Type", "text/xml; charset=\"utf-8\"").header("SOAPAction", "");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (auth && basic && username != null && cookie == null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } else if (auth && nonce != null && cookie == null) {
            nc++;
            String ncs = String.format("%08x", nc);
            String cnonce = Long.toHexString(System.nanoTime());
            String resp = Digest.response(Digest.ha1(username, realm, password), nonce, ncs, cnonce, "auth", "POST", "/");
            b.header("Authorization", "Digest username=\"" + username + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"/\", qop=auth, nc=" + ncs + ", cnonce=\"" + cnonce + "\", response=\"" + resp + "\"");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            r.headers().firstValue("Set-Cookie").ifPresent(sc -> cookie = sc.substring(0, sc.indexOf(';')));
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String informXml(List<String[]> events, List<String[]> params) {
        StringBuilder ev = new StringBuilder();
        for (String[] e : events) {
            ev.append("<EventStruct><EventCode>").append(e[0]).append("</EventCode><CommandKey>")
                .append(e.length > 1 ? e[1] : "").append("</CommandKey></EventStruct>");
        }
        List<String[]> all = new ArrayList<>(params);
        StringBuilder pv = new StringBuilder();
        for (String[] p : all) {
            pv.append("<ParameterValueStruct><Name>").append(p[0]).append("</Name><Value xsi:type=\"xsd:string\">")
                .append(p[1]).append("</Value></ParameterValueStruct>");
        }
        String body = "<cwmp:Inform><DeviceId><Manufacturer>TestCo</Manufacturer><OUI>" + oui + "</OUI><ProductClass>"
            + productClass + "</ProductClass><SerialNumber>" + serial + "</SerialNumber></DeviceId>"
            + "<Event soap-enc:arrayType=\"cwmp:EventStruct[" + events.size() + "]\">" + ev + "</Event>"
            + "<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2026-11-21T10:00:00Z</CurrentTime><RetryCount>0</RetryCount>"
            + "<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[" + all.size() + "]\">" + pv
            + "</ParameterList></cwmp:Inform>";
        return envelope("inform-1", body);
    }

    public String envelope(String id, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap-env:Envelope "
            + "xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
            + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xmlns:cwmp=\"" + namespace + "\"><soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">" + id
            + "</cwmp:ID></soap-env:Header><soap-env:Body>" + body + "</soap-env:Body></soap-env:Envelope>";
    }

    public List<String[]> standardParams(String softwareVersion, String parameterKey) {
        return List.of(
            new String[] {root + "DeviceInfo.HardwareVersion", "HW1"},
            new String[] {root + "DeviceInfo.SoftwareVersion", softwareVersion},
            new String[] {root + "ManagementServer.ConnectionRequestURL", "http://127.0.0.1:1/cr"},
            new String[] {root + "ManagementServer.ParameterKey", parameterKey});
    }

    public static List<String[]> events(String... codes) {
        List<String[]> out = new ArrayList<>();
        for (String c : codes) {
            int sep = c.indexOf('|');
            out.add(sep < 0 ? new String[] {c} : new String[] {c.substring(0, sep), c.substring(sep + 1)});
        }
        return out;
    }
}
