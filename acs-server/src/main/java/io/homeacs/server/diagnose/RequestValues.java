package io.homeacs.server.diagnose;

import io.homeacs.server.device.DataModel;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.util.ArrayList;
import java.util.List;

/** The SetParameterValues that starts one diagnostics object, for the device's data model. */
final class RequestValues {
    static final String REQUESTED = "Requested";
    private static final String UINT = "xsd:unsignedInt";

    private RequestValues() {
    }

    /**
     * The values with the standard's types, except where the device has told us its own type for a
     * parameter (its first full read): strict firmware refuses a value of another xsi:type (9006).
     */
    static List<ParamValue> of(DiagnosticRequest r, DiagnosticObject o, DataModel model, ParameterDocument known) {
        List<ParamValue> out = new ArrayList<>();
        for (ParamValue v : standard(r, o, model)) {
            ParameterDocument.Entry e = known.get(v.name());
            out.add(e == null || e.type() == null || e.type().isEmpty() ? v : new ParamValue(v.name(), v.value(), e.type()));
        }
        return out;
    }

    static List<ParamValue> standard(DiagnosticRequest r, DiagnosticObject o, DataModel model) {
        String p = o.path(model);
        List<ParamValue> v = new ArrayList<>();
        switch (o) {
            case DOWNLOAD -> v.add(new ParamValue(p + "DownloadURL", r.downloadUrl(), "xsd:string"));
            case UPLOAD -> {
                v.add(new ParamValue(p + "UploadURL", r.uploadUrl(), "xsd:string"));
                // unsignedLong in TR-181, unsignedInt in TR-098 (hence the 4 GB cap on testBytes).
                v.add(new ParamValue(p + "TestFileLength", Long.toString(r.testBytes()),
                    model == DataModel.TR098 ? UINT : "xsd:unsignedLong"));
            }
            case PING -> {
                v.add(new ParamValue(p + "Host", r.host(), "xsd:string"));
                v.add(new ParamValue(p + "NumberOfRepetitions", Integer.toString(r.repetitions()), UINT));
                v.add(new ParamValue(p + "Timeout", Integer.toString(r.timeoutMs()), UINT));
                v.add(new ParamValue(p + "DataBlockSize", Integer.toString(r.dataBlockSize()), UINT));
            }
            case TRACE -> {
                v.add(new ParamValue(p + "Host", r.host(), "xsd:string"));
                v.add(new ParamValue(p + "NumberOfTries", Integer.toString(r.tries()), UINT));
                v.add(new ParamValue(p + "Timeout", Integer.toString(r.timeoutMs()), UINT));
                v.add(new ParamValue(p + "DataBlockSize", Integer.toString(r.dataBlockSize()), UINT));
                v.add(new ParamValue(p + "MaxHopCount", Integer.toString(r.maxHops()), UINT));
            }
            case SELF_TEST -> {
                // Nothing to configure: the vendor decides what the self-test covers.
            }
            default -> throw new IllegalStateException(o.name());
        }
        // Last, so a device that applies values in order has every setting before the test starts.
        v.add(new ParamValue(p + "DiagnosticsState", REQUESTED, "xsd:string"));
        return v;
    }
}
