package io.homeacs.sim.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The read-only state a CPE derives from its service configuration: a PPP session comes up when it is
 * enabled and has an account, an IPTV connection when it is enabled, a VLAN termination when it has a
 * valid VLAN ID, a voice line when its SIP account and proxy are set. Recomputed after every change, so
 * an ACS that writes configuration sees the device react as real firmware would, with no delay: the
 * next GetParameterValues in the same session already shows the new state.
 */
public final class ServiceState {
    static final String PPP = "Device.PPP.Interface.";
    static final String VLAN = "Device.Ethernet.VLANTermination.";
    static final String IPTV = "Device.X_CT-COM_IPTV.";
    static final String VOICE = "Device.Services.VoiceService.";
    static final String WCD = "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.";
    static final String VOICE_V1 = "InternetGatewayDevice.Services.VoiceService.";
    private static final String WAN_IP = "Device.IP.Interface.1.";
    private static final String SSID = "Device.WiFi.SSID.";
    private static final String WLAN = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";
    private static final String PEER = "100.64.0.1";
    private static final String DNS = "100.64.0.53,100.64.1.53";

    private final DataModel m;
    private final TemplateContext c;
    private final Collection<String> changed;
    private final long now;
    private final List<String> updated = new ArrayList<>();

    private ServiceState(DataModel m, TemplateContext c, Collection<String> changed, long now) {
        this.m = m;
        this.c = c;
        this.changed = changed;
        this.now = now;
    }

    /**
     * Brings every derived value in line with the configuration.
     *
     * @param changed parameters just changed (a new PPP username or password while connected reconnects)
     * @return the derived parameters whose value changed, for value-change notification
     */
    public static List<String> settle(DataModel m, TemplateContext c, Collection<String> changed, long nowNanos) {
        synchronized (m) {
            ServiceState s = new ServiceState(m, c, changed, nowNanos);
            s.ppp();
            s.ipConnections();
            s.tr181Links();
            s.wifi();
            s.voice();
            return s.updated;
        }
    }

    /** Refreshes the link clocks (TR-098 Uptime, TR-181 LastChange) the way DeviceInfo.UpTime is refreshed. */
    public static void refreshClocks(DataModel m, long nowNanos, long bootNanos) {
        synchronized (m) {
            for (String p : m.instances(PPP)) {
                setIfPresent(m, p + "LastChange", Long.toString(m.secondsSinceLinkChange(p, nowNanos, bootNanos)));
            }
            for (String wcd : m.instances(WCD)) {
                for (String table : List.of("WANPPPConnection.", "WANIPConnection.")) {
                    for (String conn : m.instances(wcd + table)) {
                        boolean up = m.value(conn + "ConnectionStatus").orElse("").equals("Connected");
                        long s = up ? m.secondsSinceLinkChange(conn, nowNanos, bootNanos) : 0;
                        setIfPresent(m, conn + "Uptime", Long.toString(s));
                    }
                }
            }
        }
    }

    /** PPP: no account → Unconfigured; disabled → Disconnected, no address; else Connected with the BNG's address. */
    private void ppp() {
        for (String p : m.instances(PPP)) {
            boolean up = pppLink(p, "IPCP.LocalIPAddress", "IPCP.RemoteIPAddress", "IPCP.DNSServers");
            set(p + "Status", up ? "Up" : "Down");
            if (p.equals(PPP + "1.") && m.value(WAN_IP + "IPv4Address.1.AddressingType").orElse("").equals("IPCP")) {
                // The WAN IP interface runs over PPP 1 and has the address IPCP negotiated, or none.
                set(WAN_IP + "IPv4Address.1.IPAddress", up ? c.wanAddress() : "");
                set(WAN_IP + "Status", up ? "Up" : "LowerLayerDown");
            }
        }
        for (String wcd : m.instances(WCD)) {
            for (String p : m.instances(wcd + "WANPPPConnection.")) {
                pppLink(p, "ExternalIPAddress", "RemoteIPAddress", "DNSServers");
            }
        }
    }

    private boolean pppLink(String p, String local, String remote, String dns) {
        String status = value(p + "Username").isEmpty() ? "Unconfigured" : enabled(p + "Enable") ? "Connected" : "Disconnected";
        boolean up = status.equals("Connected");
        boolean newAccount = changed.contains(p + "Username") || changed.contains(p + "Password");
        if (!status.equals(value(p + "ConnectionStatus")) || up && newAccount) {
            // A new account while connected means the session is torn down and dialled again.
            m.markLinkChange(p, now);
        }
        set(p + "ConnectionStatus", status);
        set(p + local, up ? c.wanAddress() : "");
        set(p + remote, up ? PEER : "");
        set(p + dns, up ? DNS : "");
        set(p + "LastConnectionError", "ERROR_NONE");
        return up;
    }

    /** TR-098 IPoE connections (the IPTV one): up when enabled, with the address its DHCP server gives. */
    private void ipConnections() {
        for (String wcd : m.instances(WCD)) {
            for (String ip : m.instances(wcd + "WANIPConnection.")) {
                boolean up = enabled(ip + "Enable");
                String status = up ? "Connected" : "Disconnected";
                if (!status.equals(value(ip + "ConnectionStatus"))) {
                    m.markLinkChange(ip, now);
                }
                set(ip + "ConnectionStatus", status);
                if (value(ip + "AddressingType").equals("DHCP")) {
                    set(ip + "ExternalIPAddress", up ? c.iptvAddress() : "");
                    set(ip + "SubnetMask", up ? "255.192.0.0" : "");
                    set(ip + "DefaultGateway", up ? "10.64.0.1" : "");
                }
            }
        }
    }

    /** TR-181 VLAN terminations (Up with a VLAN ID in 1-4094) and the vendor IPTV service object. */
    private void tr181Links() {
        for (String v : m.instances(VLAN)) {
            long id = Long.parseLong(value(v + "VLANID").isEmpty() ? "0" : value(v + "VLANID"));
            set(v + "Status", enabled(v + "Enable") && id >= 1 && id <= 4094 ? "Up" : "Down");
        }
        if (m.exists(IPTV + "Enable")) {
            boolean up = enabled(IPTV + "Enable");
            set(IPTV + "ConnectionStatus", up ? "Connected" : "Disconnected");
            set(IPTV + "IPAddress", up ? c.iptvAddress() : "");
        }
    }

    private void wifi() {
        for (String s : m.instances(SSID)) {
            boolean on = enabled(s + "Enable");
            set(s + "Status", !on ? "Down" : value(s + "LowerLayers").isEmpty() ? "LowerLayerDown" : "Up");
        }
        for (String w : m.instances(WLAN)) {
            set(w + "Status", enabled(w + "Enable") ? "Up" : "Disabled");
        }
    }

    /** TR-104 v2 on Device., v1 (VoiceProfile, Enable as Enabled/Disabled/Quiescent) on InternetGatewayDevice. */
    private void voice() {
        for (String vs : m.instances(VOICE)) {
            for (String n : m.instances(vs + "SIP.Network.")) {
                set(n + "Status", !enabled(n + "Enable") ? "Disabled" : value(n + "ProxyServer").isEmpty() ? "Error_Other" : "Up");
            }
            for (String cl : m.instances(vs + "SIP.Client.")) {
                boolean networkUp = value(value(cl + "Network") + ".Status").equals("Up");
                set(cl + "Status", !enabled(cl + "Enable") ? "Disabled" : value(cl + "AuthUserName").isEmpty()
                        ? "Error_Misconfigured" : networkUp ? "Up" : "Error_Network");
            }
            for (String l : m.instances(vs + "CallControl.Line.")) {
                boolean registered = value(value(l + "Provider") + ".Status").equals("Up");
                set(l + "Status", !enabled(l + "Enable") ? "Disabled" : registered ? "Up" : "Error");
            }
        }
        for (String vs : m.instances(VOICE_V1)) {
            for (String vp : m.instances(vs + "VoiceProfile.")) {
                boolean profileReady = value(vp + "Enable").equals("Enabled") && !value(vp + "SIP.ProxyServer").isEmpty();
                for (String l : m.instances(vp + "Line.")) {
                    String enable = value(l + "Enable");
                    set(l + "Status", !enable.equals("Enabled") ? (enable.equals("Quiescent") ? "Quiescent" : "Disabled")
                            : profileReady && !value(l + "SIP.AuthUserName").isEmpty() ? "Up" : "Error");
                }
            }
        }
    }

    private String value(String path) {
        return m.value(path).orElse("");
    }

    private boolean enabled(String path) {
        String v = value(path);
        return v.equals("true") || v.equals("1");
    }

    private void set(String path, String v) {
        Optional<String> old = m.value(path);
        if (old.isPresent() && !old.get().equals(v)) {
            m.setInternal(path, v);
            updated.add(path);
        }
    }

    private static void setIfPresent(DataModel m, String path, String v) {
        if (m.exists(path)) {
            m.setInternal(path, v);
        }
    }
}
