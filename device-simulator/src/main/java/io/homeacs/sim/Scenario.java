package io.homeacs.sim;

import io.homeacs.sim.model.DataModel;
import java.util.List;
import java.util.Locale;

/**
 * Faults a simulated unit can be put into, one per triage verdict, so a fault report can be followed
 * end to end. Each changes what the device reports (and, for a failing unit, how it behaves); nothing
 * here talks to the ACS, which has to find the fault through its own reads and diagnostics.
 */
public enum Scenario {
    /** Nothing wrong with the line or the unit: the problem is on the subscriber's side. */
    HEALTHY,
    /** The optical receive level falls 1.5 dB with every session from -26.5 dBm down to -30 dBm (a dirty connector). */
    DEGRADING_OPTICAL,
    /** The unit restarts by itself three times (watchdog resets) and fails its self-test. */
    REBOOT_LOOP,
    /**
     * A neighbour's network and a microwave: high noise on the 2.4 GHz radio, and a busy channel where the
     * unit reports Wi-Fi Data Elements (mesh units; a plain gateway has no standard utilisation figure).
     */
    WIFI_INTERFERENCE,
    /** Clients in the far rooms hear the gateway weakly. */
    WEAK_COVERAGE,
    /** More terminals on the LAN than the line allows (a private switch and access point behind it). */
    TOO_MANY_HOSTS,
    /** The PPPoE connection is switched off with another account's name: no WAN session. */
    MISCONFIGURED_WAN,
    /** Flashed with firmware the operator never approved, then factory reset behind the ACS's back. */
    TAMPERED;

    static final String CUSTOM_FIRMWARE = "9.9.9-custom";
    static final int EXTRA_HOSTS = 14;
    private static final double OPTICAL_START_DBM = -26.5;
    private static final double OPTICAL_STEP_DB = 1.5;
    private static final double OPTICAL_FLOOR_DBM = -30.0;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Scenario parse(String text) {
        for (Scenario s : values()) {
            if (s.apiName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "'");
    }

    /** Puts the device's model into this scenario's state (called once, when the scenario is set). */
    void apply(VirtualDevice d) {
        DataModel m = d.model();
        boolean tr098 = d.tr098();
        switch (this) {
            case DEGRADING_OPTICAL -> optical(m, tr098, OPTICAL_START_DBM);
            case WIFI_INTERFERENCE -> {
                set(m, "Device.WiFi.Radio.1.Stats.Noise", "-62");
                set(m, "Device.WiFi.DataElements.Network.Device.1.Radio.1.Utilization", "230");
            }
            case WEAK_COVERAGE -> weakClients(m);
            case TOO_MANY_HOSTS -> {
                String table = tr098 ? "InternetGatewayDevice.LANDevice.1.Hosts.Host." : "Device.Hosts.Host.";
                while (m.instances(table).size() < EXTRA_HOSTS) {
                    m.addInstance(table, m.nextInstance(table));
                }
            }
            case MISCONFIGURED_WAN -> {
                String ppp = tr098 ? "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1."
                        : "Device.PPP.Interface.1.";
                d.setLocal(ppp + "Username", "someone-else@isp");
                d.setLocal(ppp + "Enable", "false");
            }
            case REBOOT_LOOP -> d.crash(3);
            case TAMPERED -> d.reflashThenReset(d.root() + "DeviceInfo.SoftwareVersion", CUSTOM_FIRMWARE);
            default -> {
                // HEALTHY: the unit stays as it is.
            }
        }
    }

    /** Called after every session: a degrading line keeps degrading. */
    void afterSession(VirtualDevice d) {
        if (this == DEGRADING_OPTICAL) {
            DataModel m = d.model();
            double now = currentOptical(m, d.tr098());
            optical(m, d.tr098(), Math.max(OPTICAL_FLOOR_DBM, now - OPTICAL_STEP_DB));
        }
    }

    private static void optical(DataModel m, boolean tr098, double dbm) {
        if (tr098) {
            set(m, "InternetGatewayDevice.WANDevice.1.X_CT-COM_GponInterfaceConfig.RXPower", String.format(Locale.ROOT, "%.2f", dbm));
        } else {
            set(m, "Device.Optical.Interface.1.OpticalSignalLevel", Long.toString(Math.round(dbm * 1000)));
        }
    }

    private static double currentOptical(DataModel m, boolean tr098) {
        if (tr098) {
            return Double.parseDouble(m.value("InternetGatewayDevice.WANDevice.1.X_CT-COM_GponInterfaceConfig.RXPower")
                    .orElse("-20"));
        }
        return Long.parseLong(m.value("Device.Optical.Interface.1.OpticalSignalLevel").orElse("-20000")) / 1000.0;
    }

    /** Three clients on the 2.4 GHz access point, two of them in the far rooms. */
    private static void weakClients(DataModel m) {
        String table = "Device.WiFi.AccessPoint.1.AssociatedDevice.";
        if (!m.exists("Device.WiFi.AccessPoint.1.Enable")) {
            return;
        }
        for (String inst : m.instances(table)) {
            m.removeInstance(inst);
        }
        List<String> signals = List.of("-52", "-81", "-86");
        for (int i = 0; i < signals.size(); i++) {
            String inst = m.addInstance(table, i + 1);
            m.setInternal(inst + "SignalStrength", signals.get(i));
        }
    }

    private static void set(DataModel m, String path, String value) {
        if (m.exists(path)) {
            m.setInternal(path, value);
        }
    }
}
