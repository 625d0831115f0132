package io.homeacs.server.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Takes a scripted CPE through its bootstrap session so a test can start from a registered device. */
public final class Onboarding {
    private Onboarding() {
    }

    public static void run(ScriptedCpe cpe) {
        assertThat(cpe.inform(ScriptedCpe.events("0 BOOTSTRAP", "1 BOOT"), cpe.standardParams("1.0", "")).status())
            .isEqualTo(200);
        ScriptedCpe.Reply spv = cpe.emptyPost();
        String user = valueOf(spv.body(), cpe.root + "ManagementServer.Username");
        String pass = valueOf(spv.body(), cpe.root + "ManagementServer.Password");
        ScriptedCpe.Reply gpv = cpe.respond(spv.cwmpId(),
            "<cwmp:SetParameterValuesResponse><Status>0</Status></cwmp:SetParameterValuesResponse>");
        ScriptedCpe.Reply end = cpe.respond(gpv.cwmpId(), "<cwmp:GetParameterValuesResponse><ParameterList>"
            + "<ParameterValueStruct><Name>" + cpe.root + "Optical.Interface.1.OpticalSignalLevel</Name>"
            + "<Value xsi:type=\"xsd:int\">-18000</Value></ParameterValueStruct>"
            + "</ParameterList></cwmp:GetParameterValuesResponse>");
        assertThat(end.status()).isEqualTo(204);
        cpe.newSession();
        cpe.credentials(user, pass);
    }

    public static String valueOf(String body, String name) {
        int n = body.indexOf("<Name>" + name + "</Name>");
        if (n < 0) {
            throw new AssertionError("no " + name + " in " + body);
        }
        int v = body.indexOf('>', body.indexOf("<Value", n)) + 1;
        return body.substring(v, body.indexOf("</Value>", v));
    }
}
