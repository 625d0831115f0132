package io.homeacs.server.profile;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.PostgresDatabase;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine on the wire, on H2 and PostgreSQL: a profile reaches a device in the session after its
 * next Inform — unknown values fetched once, then one SetParameterValues — a device in its desired
 * state gets no RPC, and a priority conflict is resolved and reported.
 */
class ProfileSessionTest {
    static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    @TempDir
    Path dataDir;
    /** One database per test, like the data directory, so profiles of one test never reach another's devices. */
    PostgresDatabase pg;

    @AfterEach
    void dropPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    static Stream<String> stores() {
        return Stream.of("h2", "postgresql");
    }

    private TestAcs start(String store) {
        if (store.equals("h2")) {
            return TestAcs.start(dataDir);
        }
        pg = PostgresDatabase.create();
        return TestAcs.start(dataDir, "--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void profileConvergesOnceThenCostsNothingAndConflictsAreReported(String store) {
        try (TestAcs acs = start(store)) {
            ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00D09E", "HGW", "PS-" + store, "bootstrap", "bootstrap");
            Onboarding.run(cpe);
            String device = "/api/v1/devices/" + cpe.deviceKey();
            TestAcs.ApiReply created = acs.post("/api/v1/profiles", "{\"name\":\"periodic\",\"priority\":10,"
                + "\"desired\":{\"parameters\":{\"" + INTERVAL + "\":300}}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long periodic = ((Number) created.json().get("id")).longValue();

            // Unknown to the ACS: fetched first, then set with the type the device reported.
            periodicInform(cpe);
            ScriptedCpe.Reply gpv = cpe.emptyPost();
            assertThat(gpv.body()).contains("GetParameterValues").contains(INTERVAL);
            ScriptedCpe.Reply spv = cpe.respond(gpv.cwmpId(), "<cwmp:GetParameterValuesResponse><ParameterList>"
                + "<ParameterValueStruct><Name>" + INTERVAL + "</Name><Value xsi:type=\"xsd:unsignedInt\">60</Value>"
                + "</ParameterValueStruct></ParameterList></cwmp:GetParameterValuesResponse>");
            assertThat(spv.body()).contains("SetParameterValues").contains("xsd:unsignedInt");
            assertThat(Onboarding.valueOf(spv.body(), INTERVAL)).isEqualTo("300");
            assertThat(setOk(cpe, spv).status()).isEqualTo(204);
            int tasks = taskCount(acs, device);

            // In its desired state: the next session carries no RPC and no task is queued.
            periodicInform(cpe);
            assertThat(cpe.emptyPost().status()).isEqualTo(204);
            assertThat(taskCount(acs, device)).isEqualTo(tasks);
            Map<String, Object> report = acs.get(device + "/profiles").json();
            assertThat(report).containsEntry("status", "converged").containsEntry("inSync", true)
                .containsEntry("upToDate", true);

            // A higher-priority profile wants another value: it wins, in one set, and the loss is reported.
            assertThat(acs.post("/api/v1/profiles", "{\"name\":\"ops\",\"priority\":20,\"match\":{\"oui\":\"00D09E\"},"
                + "\"desired\":{\"parameters\":{\"" + INTERVAL + "\":\"600\"}}}").status()).isEqualTo(201);
            periodicInform(cpe);
            ScriptedCpe.Reply second = cpe.emptyPost();
            assertThat(Onboarding.valueOf(second.body(), INTERVAL)).isEqualTo("600");
            assertThat(setOk(cpe, second).status()).isEqualTo(204);
            assertThat(taskCount(acs, device)).isEqualTo(tasks + 1);

            Map<String, Object> after = acs.get(device + "/profiles").json();
            assertThat(after.get("conflicts").toString()).contains(INTERVAL).contains("name=ops").contains("value=600")
                .contains("name=periodic").contains("value=300");
            Map<?, ?> lostOn = (Map<?, ?>) acs.get("/api/v1/profiles/" + periodic).json().get("lostOn");
            assertThat(lostOn.get("devices")).isEqualTo(1L);
            assertThat(acs.get("/metrics").body()).contains("acs_profile_conflicts_total 1.0");
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aProfileWithTriggerEventsWaitsForOneOfThem(String store) {
        try (TestAcs acs = start(store)) {
            ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00D09E", "HGW", "PB-" + store, "bootstrap", "bootstrap");
            Onboarding.run(cpe);
            String device = "/api/v1/devices/" + cpe.deviceKey();
            String hw = "Device.DeviceInfo.HardwareVersion";
            assertThat(acs.post("/api/v1/profiles", "{\"name\":\"on-boot\",\"match\":{\"events\":[\"1 BOOT\"]},"
                + "\"desired\":{\"parameters\":{\"" + hw + "\":\"HW2\"},\"tags\":[\"booted\"]}}").status())
                .isEqualTo(201);

            periodicInform(cpe);
            assertThat(cpe.emptyPost().status()).as("not on a periodic Inform").isEqualTo(204);
            Map<String, Object> waiting = acs.get(device + "/profiles").json();
            assertThat(waiting).containsEntry("status", "waiting");
            assertThat(waiting.get("pending").toString()).contains("waitingForEvent=[" + hw + "]");

            cpe.newSession();
            assertThat(cpe.inform(events("1 BOOT"), cpe.standardParams("1.0", "")).status()).isEqualTo(200);
            ScriptedCpe.Reply spv = cpe.emptyPost();
            assertThat(Onboarding.valueOf(spv.body(), hw)).isEqualTo("HW2");
            assertThat(setOk(cpe, spv).status()).isEqualTo(204);
            assertThat(acs.get(device + "/profiles").json()).containsEntry("status", "converged");
            assertThat(acs.get(device).json().get("tags").toString()).contains("booted");
        }
    }

    private static void periodicInform(ScriptedCpe cpe) {
        cpe.newSession();
        assertThat(cpe.inform(events("2 PERIODIC"), cpe.standardParams("1.0", "")).status()).isEqualTo(200);
    }

    private static ScriptedCpe.Reply setOk(ScriptedCpe cpe, ScriptedCpe.Reply spv) {
        return cpe.respond(spv.cwmpId(), "<cwmp:SetParameterValuesResponse><Status>0</Status>"
            + "</cwmp:SetParameterValuesResponse>");
    }

    private static int taskCount(TestAcs acs, String device) {
        return ((List<?>) acs.get(device + "/tasks?limit=500").json().get("tasks")).size();
    }
}
