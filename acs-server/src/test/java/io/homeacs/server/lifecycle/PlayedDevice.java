package io.homeacs.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.ScriptedCpe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted TR-181 ONT with a parameter store: it answers whatever the ACS sends in a session
 * (SetParameterValues changes its values, GetParameterValues reads them, the rest is acknowledged)
 * so a lifecycle test scripts only the Informs that matter: their events and reported values.
 */
final class PlayedDevice {
    private static final Pattern NAME_VALUE = Pattern.compile("<Name>([^<]*)</Name>\\s*<Value[^>]*>([^<]*)</Value>");
    private static final Pattern STRING = Pattern.compile("<string>([^<]*)</string>");

    final ScriptedCpe cpe;
    final Map<String, String> values = new LinkedHashMap<>();
    /** The RPCs the ACS sent in the last session, by name. */
    final List<String> lastRpcs = new ArrayList<>();

    PlayedDevice(int cwmpPort, String serial, String loid) {
        cpe = new ScriptedCpe(cwmpPort, "00259E", "HG8245H", serial, "bootstrap", "bootstrap");
        values.put("Device.DeviceInfo.ModelName", "HG8245H");
        values.put("Device.DeviceInfo.HardwareVersion", "HW1");
        values.put("Device.DeviceInfo.SoftwareVersion", "1.0");
        values.put("Device.Optical.Interface.1.OpticalSignalLevel", "-18000");
        values.put("Device.SelfTestDiagnostics.DiagnosticsState", "Complete");
        values.put("Device.WiFi.SSID.1.SSID", "ChinaNet-ABCD");
        if (loid != null) {
            values.put("Device.X_CT-COM_UserInfo.UserName", loid);
        }
    }

    /** First contact: 0 BOOTSTRAP, own credentials, the full read. */
    void onboard() {
        assertThat(inform(List.of("0 BOOTSTRAP", "1 BOOT"))).isEqualTo(204);
    }

    /**
     * One session: an Inform with these events and the forced parameters (plus the LOID on boot),
     * then answers to every RPC until the ACS ends the session. Returns the HTTP status that ended it.
     */
    int inform(List<String> events, String... extra) {
        List<String[]> params = new ArrayList<>();
        for (String p : List.of("HardwareVersion", "SoftwareVersion")) {
            params.add(new String[] {"Device.DeviceInfo." + p, values.get("Device.DeviceInfo." + p)});
        }
        params.add(new String[] {"Device.ManagementServer.ConnectionRequestURL", "http://127.0.0.1:1/cr"});
        params.add(new String[] {"Device.ManagementServer.ParameterKey", ""});
        if (events.contains("1 BOOT") && values.containsKey("Device.X_CT-COM_UserInfo.UserName")) {
            params.add(new String[] {"Device.X_CT-COM_UserInfo.UserName", values.get("Device.X_CT-COM_UserInfo.UserName")});
        }
        for (int i = 0; i + 1 < extra.length; i += 2) {
            params.add(new String[] {extra[i], extra[i + 1]});
        }
        cpe.newSession();
        ScriptedCpe.Reply r = cpe.inform(ScriptedCpe.events(events.toArray(String[]::new)), params);
        if (r.status() != 200) {
            return r.status();
        }
        return drain(cpe.emptyPost());
    }

    private int drain(ScriptedCpe.Reply r) {
        lastRpcs.clear();
        String user = null;
        String pass = null;
        while (r.status() == 200) {
            String body = r.body();
            String answer;
            if (body.contains("SetParameterValues>") || body.contains(":SetParameterValues ")) {
                lastRpcs.add("SetParameterValues");
                Matcher m = NAME_VALUE.matcher(body);
                while (m.find()) {
                    values.put(m.group(1), m.group(2));
                    user = m.group(1).endsWith("ManagementServer.Username") ? m.group(2) : user;
                    pass = m.group(1).endsWith("ManagementServer.Password") ? m.group(2) : pass;
                }
                answer = "<cwmp:SetParameterValuesResponse><Status>0</Status></cwmp:SetParameterValuesResponse>";
            } else if (body.contains("GetParameterValues")) {
                lastRpcs.add("GetParameterValues");
                answer = gpv(body);
            } else if (body.contains("FactoryReset")) {
                lastRpcs.add("FactoryReset");
                answer = "<cwmp:FactoryResetResponse/>";
            } else if (body.contains("ScheduleInform")) {
                lastRpcs.add("ScheduleInform");
                answer = "<cwmp:ScheduleInformResponse/>";
            } else if (body.contains("Reboot")) {
                lastRpcs.add("Reboot");
                answer = "<cwmp:RebootResponse/>";
            } else {
                throw new AssertionError("the played device does not know " + body);
            }
            r = cpe.respond(r.cwmpId(), answer);
        }
        if (user != null && pass != null) {
            cpe.credentials(user, pass);
        }
        return r.status();
    }

    private String gpv(String body) {
        StringBuilder sb = new StringBuilder("<cwmp:GetParameterValuesResponse><ParameterList>");
        Matcher m = STRING.matcher(body);
        while (m.find()) {
            String wanted = m.group(1);
            values.forEach((k, v) -> {
                if (k.equals(wanted) || wanted.endsWith(".") && k.startsWith(wanted)) {
                    sb.append("<ParameterValueStruct><Name>").append(k).append("</Name><Value xsi:type=\"")
                        .append(k.endsWith("SignalLevel") ? "xsd:int" : "xsd:string").append("\">").append(v)
                        .append("</Value></ParameterValueStruct>");
                }
            });
        }
        return sb.append("</ParameterList></cwmp:GetParameterValuesResponse>").toString();
    }
}
