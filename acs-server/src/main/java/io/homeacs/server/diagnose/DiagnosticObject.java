package io.homeacs.server.diagnose;

import io.homeacs.server.device.DataModel;
import java.util.Locale;

/**
 * The TR-143 diagnostics objects, where each data model keeps them: TR-181 under
 * {@code Device.IP.Diagnostics.}, TR-098 at the root of {@code InternetGatewayDevice.}; and the self-test.
 */
public enum DiagnosticObject {
    DOWNLOAD("Device.IP.Diagnostics.DownloadDiagnostics.", "InternetGatewayDevice.DownloadDiagnostics."),
    UPLOAD("Device.IP.Diagnostics.UploadDiagnostics.", "InternetGatewayDevice.UploadDiagnostics."),
    PING("Device.IP.Diagnostics.IPPing.", "InternetGatewayDevice.IPPingDiagnostics."),
    TRACE("Device.IP.Diagnostics.TraceRoute.", "InternetGatewayDevice.TraceRouteDiagnostics."),
    /** Not TR-143 but run the same way: the vendor's own self-test, "Results" a vendor-specific text. */
    SELF_TEST("Device.SelfTestDiagnostics.", "InternetGatewayDevice.SelfTestDiagnostics.");

    private final String tr181;
    private final String tr098;

    DiagnosticObject(String tr181, String tr098) {
        this.tr181 = tr181;
        this.tr098 = tr098;
    }

    /** The object's path, ending in a dot, on a device of this data model. */
    public String path(DataModel model) {
        return model == DataModel.TR098 ? tr098 : tr181;
    }

    public String apiName() {
        return this == SELF_TEST ? "selfTest" : name().toLowerCase(Locale.ROOT);
    }
}
