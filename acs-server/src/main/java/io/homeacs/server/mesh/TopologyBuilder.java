package io.homeacs.server.mesh;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.ParameterDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a home's mesh from the controller's stored EasyMesh Data Elements
 * (Device.WiFi.DataElements.Network.Device.{i}., names per TR-181 wifi-de) and ties each node to a
 * device the subscriber holds when that device is the node (same serial number, or one of its MAC
 * addresses is the node's AL MAC). Pure: the caller reads the documents.
 */
public final class TopologyBuilder {
    public static final String NETWORK = "Device.WiFi.DataElements.Network.";

    /** A device of the home with its stored parameters. */
    public record Held(Device device, ParameterDocument doc) {
    }

    private TopologyBuilder() {
    }

    /** Whether this document carries a mesh controller's Data Elements. */
    public static boolean isController(ParameterDocument doc) {
        return doc.hasPrefix(NETWORK + "Device.");
    }

    public static MeshTopology build(long subscriberId, Held controller, List<Held> others) {
        ParameterDocument doc = controller.doc();
        Instant[] oldest = {null};
        String controllerId = text(doc, NETWORK + "ControllerID", oldest);
        List<MeshTopology.Node> nodes = new ArrayList<>();
        List<MeshTopology.Link> links = new ArrayList<>();
        List<Integer> numbers = instances(doc, NETWORK + "Device.");
        String controllerNode = null;
        for (int i : numbers) {
            String p = NETWORK + "Device." + i + ".";
            String id = text(doc, p + "ID", oldest);
            if (id == null || id.isBlank()) {
                continue;
            }
            if ("Running".equals(text(doc, p + "MultiAPDevice.EasyMeshControllerOperationMode", oldest))
                    || id.equalsIgnoreCase(controllerId)) {
                controllerNode = controllerNode == null ? id : controllerNode;
            }
        }
        if (controllerNode == null && !numbers.isEmpty()) {
            controllerNode = text(doc, NETWORK + "Device." + numbers.get(0) + ".ID", oldest);
        }
        for (int i : numbers) {
            String p = NETWORK + "Device." + i + ".";
            String id = text(doc, p + "ID", oldest);
            if (id == null || id.isBlank()) {
                continue;
            }
            boolean isController = id.equalsIgnoreCase(controllerNode);
            String serial = text(doc, p + "SerialNumber", oldest);
            Long deviceId = isController ? Long.valueOf(controller.device().id()) : match(id, serial, others);
            List<MeshTopology.Radio> radios = new ArrayList<>();
            List<MeshTopology.Client> clients = new ArrayList<>();
            for (int k : instances(doc, p + "Radio.")) {
                radios.add(radio(doc, p + "Radio." + k + ".", id, clients, isController ? k : -1, oldest));
            }
            nodes.add(new MeshTopology.Node(id, p, deviceId, serial, text(doc, p + "ManufacturerModel", oldest),
                isController, radios, clients));
            if (!isController) {
                String bh = p + "MultiAPDevice.Backhaul.";
                String parent = text(doc, bh + "BackhaulDeviceID", oldest);
                if (parent == null || parent.isBlank()) {
                    parent = text(doc, bh + "BackhaulMACAddress", oldest);
                }
                if (parent == null || parent.isBlank()) {
                    parent = controllerNode;
                }
                String type = text(doc, bh + "LinkType", oldest);
                boolean wifi = "Wi-Fi".equalsIgnoreCase(type);
                Integer rcpi = integer(doc, bh + "Stats.SignalStrength", oldest);
                links.add(new MeshTopology.Link(id, parent, type, wifi ? rcpiToDbm(rcpi) : null,
                    number(doc, bh + "Stats.LastDataDownlinkRate", oldest), number(doc, bh + "Stats.LastDataUplinkRate", oldest),
                    integer(doc, bh + "Stats.LinkUtilization", oldest)));
            }
        }
        return new MeshTopology(subscriberId, controller.device().id(), text(doc, NETWORK + "ID", oldest), nodes, links,
            oldest[0]);
    }

    private static MeshTopology.Radio radio(ParameterDocument doc, String r, String nodeId, List<MeshTopology.Client> clients,
                                            int controllerRadio, Instant[] oldest) {
        Integer channel = null;
        for (int c : instances(doc, r + "CurrentOperatingClassProfile.")) {
            channel = integer(doc, r + "CurrentOperatingClassProfile." + c + ".Channel", oldest);
        }
        if (channel == null && controllerRadio > 0) {
            // The controller's own radio table says what its Data Elements may leave out.
            channel = integer(doc, "Device.WiFi.Radio." + controllerRadio + ".Channel", oldest);
        }
        Integer util = integer(doc, r + "Utilization", oldest);
        Integer noise = integer(doc, r + "Noise", oldest);
        List<String> ssids = new ArrayList<>();
        for (int b : instances(doc, r + "BSS.")) {
            String bss = r + "BSS." + b + ".";
            String ssid = text(doc, bss + "SSID", oldest);
            if (ssid != null && !"false".equals(text(doc, bss + "Enabled", oldest))) {
                ssids.add(ssid);
            }
            for (int s : instances(doc, bss + "STA.")) {
                String sta = bss + "STA." + s + ".";
                String mac = text(doc, sta + "MACAddress", oldest);
                if (mac != null) {
                    clients.add(new MeshTopology.Client(mac, nodeId, ssid, rcpiToDbm(integer(doc, sta + "SignalStrength", oldest)),
                        number(doc, sta + "LastDataDownlinkRate", oldest), text(doc, sta + "Hostname", oldest)));
                }
            }
        }
        return new MeshTopology.Radio(r, channel, util == null ? null : Math.round(util * 100f / 255f),
            noise == null ? null : rcpiToDbm(noise), ssids);
    }

    /** A held device is this node if it has the node's serial number or has the AL MAC among its MAC addresses. */
    private static Long match(String alMac, String serial, List<Held> others) {
        for (Held h : others) {
            if (serial != null && !serial.isBlank() && serial.equals(h.device().identity().serialNumber())) {
                return h.device().id();
            }
        }
        String mac = alMac.toLowerCase(Locale.ROOT);
        for (Held h : others) {
            for (Map.Entry<String, ParameterDocument.Entry> e : h.doc().subtree("Device.").entrySet()) {
                if (e.getKey().endsWith("MACAddress") && !e.getKey().startsWith(NETWORK)
                        && mac.equals(e.getValue().value().toLowerCase(Locale.ROOT))) {
                    return h.device().id();
                }
            }
        }
        return null;
    }

    /** IEEE 802.11 RCPI/ANPI (0-220, half-dB steps from -110 dBm); 255 means not measured. */
    static Integer rcpiToDbm(Integer rcpi) {
        if (rcpi == null || rcpi < 0 || rcpi > 220) {
            return null;
        }
        return (int) Math.floor(rcpi / 2.0 - 110);
    }

    static List<Integer> instances(ParameterDocument doc, String table) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String name : doc.subtree(table).keySet()) {
            String rest = name.substring(table.length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
                try {
                    out.add(Integer.parseInt(rest.substring(0, dot)));
                } catch (NumberFormatException e) {
                    // Not an instance number (a parameter of the table object itself).
                }
            }
        }
        return List.copyOf(out);
    }

    private static String text(ParameterDocument doc, String name, Instant[] oldest) {
        ParameterDocument.Entry e = doc.get(name);
        if (e == null) {
            return null;
        }
        if (e.updated() != null && (oldest[0] == null || e.updated().isBefore(oldest[0]))) {
            oldest[0] = e.updated();
        }
        return e.value();
    }

    private static Long number(ParameterDocument doc, String name, Instant[] oldest) {
        String v = text(doc, name, oldest);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(ParameterDocument doc, String name, Instant[] oldest) {
        Long n = number(doc, name, oldest);
        return n == null || n > Integer.MAX_VALUE || n < Integer.MIN_VALUE ? null : n.intValue();
    }
}
