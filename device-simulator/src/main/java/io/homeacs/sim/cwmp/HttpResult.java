package io.homeacs.sim.cwmp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The parts of an HTTP response a CPE acts upon. */
public record HttpResult(int status, List<String> wwwAuthenticate, List<String> setCookies, String retryAfter,
                         String contentType, boolean keepAlive, byte[] body) {

    public boolean emptyBody() {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
