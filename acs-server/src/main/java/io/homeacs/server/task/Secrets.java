package io.homeacs.server.task;

import java.util.Locale;

/** Recognises parameters whose values are secrets so they are never echoed by the API or logs. */
public final class Secrets {
    public static final String MASK = "********";

    private Secrets() {
    }

    public static boolean isSecretName(String parameterName) {
        String n = parameterName.toLowerCase(Locale.ROOT);
        return n.endsWith("password") || n.endsWith("passphrase") || n.endsWith("presharedkey")
            || n.contains("wepkey") || n.endsWith("secret") || n.endsWith(".key");
    }
}
