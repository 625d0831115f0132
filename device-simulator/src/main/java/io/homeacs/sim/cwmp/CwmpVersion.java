package io.homeacs.sim.cwmp;

import java.util.List;

/**
 * CWMP protocol versions a simulated CPE can speak. CWMP 1.3 and 1.4 reuse the cwmp-1-2 namespace and
 * announce themselves through the SupportedCWMPVersions header instead.
 */
public enum CwmpVersion {
    V1_0("urn:dslforum-org:cwmp-1-0", "1.0"),
    V1_2("urn:dslforum-org:cwmp-1-2", "1.2"),
    V1_4("urn:dslforum-org:cwmp-1-2", "1.4");

    private static final List<String> BASE_METHODS = List.of(
            "GetRPCMethods", "SetParameterValues", "GetParameterValues", "GetParameterNames",
            "SetParameterAttributes", "GetParameterAttributes", "AddObject", "DeleteObject",
            "Reboot", "Download", "Upload", "FactoryReset", "GetQueuedTransfers", "ScheduleInform");
    private static final List<String> NEWER_METHODS = List.of(
            "GetAllQueuedTransfers", "ScheduleDownload", "CancelTransfer", "ChangeDUState");

    private final String namespace;
    private final String label;

    CwmpVersion(String namespace, String label) {
        this.namespace = namespace;
        this.label = label;
    }

    public String namespace() {
        return namespace;
    }

    public String label() {
        return label;
    }

    /** CWMP 1.4 CPEs send SupportedCWMPVersions and require UseCWMPVersion in the InformResponse. */
    public boolean negotiatesVersion() {
        return this == V1_4;
    }

    public String supportedVersionsHeader() {
        return "1.0,1.1,1.2,1.3,1.4";
    }

    public List<String> rpcMethods() {
        if (this == V1_0) {
            return BASE_METHODS;
        }
        var all = new java.util.ArrayList<>(BASE_METHODS);
        all.addAll(NEWER_METHODS);
        return List.copyOf(all);
    }

    public boolean supports(String method) {
        return rpcMethods().contains(method);
    }
}
