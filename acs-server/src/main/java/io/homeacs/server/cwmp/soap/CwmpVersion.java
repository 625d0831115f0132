package io.homeacs.server.cwmp.soap;

/**
 * CWMP protocol versions, identified on the wire by their namespace URI. The 1.3 and 1.4 schemas kept the
 * cwmp-1-2 target namespace, so many 1.3/1.4 CPEs send cwmp-1-2 and decode as {@link #V1_2}; the dedicated
 * cwmp-1-3/cwmp-1-4 namespaces are still accepted because devices in the field use them too.
 */
public enum CwmpVersion {
    V1_0("urn:dslforum-org:cwmp-1-0"),
    V1_1("urn:dslforum-org:cwmp-1-1"),
    V1_2("urn:dslforum-org:cwmp-1-2"),
    V1_3("urn:dslforum-org:cwmp-1-3"),
    V1_4("urn:dslforum-org:cwmp-1-4");

    private static final CwmpVersion[] ALL = values();

    private final String namespace;

    CwmpVersion(String namespace) {
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** Returns the version for a namespace URI, or null when it is not a CWMP namespace. */
    public static CwmpVersion fromNamespace(String ns) {
        if (ns == null) {
            return null;
        }
        for (CwmpVersion v : ALL) {
            if (v.namespace.equals(ns)) {
                return v;
            }
        }
        return null;
    }
}
