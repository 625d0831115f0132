package io.homeacs.server.nbi;

import io.homeacs.server.device.Device;
import java.util.List;
import java.util.Locale;

/** RFC 4180 rows for the device export, safe to open in a spreadsheet. */
final class DeviceCsv {
    static final int MAX_ROWS = 100_000;
    static final String HEADER = "id,key,oui,productClass,serialNumber,manufacturer,modelName,hardwareVersion,"
        + "softwareVersion,kind,dataModel,protocolVersion,ipAddress,lastContact,online,tags\r\n";

    private DeviceCsv() {
    }

    static String row(Device d, List<String> tags, boolean online) {
        StringBuilder sb = new StringBuilder(256);
        field(sb, Long.toString(d.id()));
        field(sb, d.key());
        field(sb, d.identity().oui());
        field(sb, d.identity().productClass());
        field(sb, d.identity().serialNumber());
        field(sb, d.manufacturer());
        field(sb, d.modelName());
        field(sb, d.hardwareVersion());
        field(sb, d.softwareVersion());
        field(sb, d.kind().apiName());
        field(sb, d.dataModel().name().toLowerCase(Locale.ROOT));
        field(sb, d.protocolVersion());
        field(sb, d.ipAddress());
        field(sb, d.lastContact() == null ? "" : d.lastContact().toString());
        field(sb, Boolean.toString(online));
        field(sb, String.join(";", tags));
        sb.setLength(sb.length() - 1);
        return sb.append("\r\n").toString();
    }

    /**
     * Quotes where needed, and defuses values a spreadsheet would run as a formula (a device
     * controls its own model name and version strings).
     */
    static void field(StringBuilder sb, String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(v);
        }
        sb.append(',');
    }
}
