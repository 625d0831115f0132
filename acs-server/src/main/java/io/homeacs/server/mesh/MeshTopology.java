package io.homeacs.server.mesh;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One home's Wi-Fi mesh as the controller reports it (EasyMesh Data Elements), with each node tied to
 * the ACS device that is that node when the node is also managed on its own.
 *
 * @param controllerDeviceId the device carrying Device.WiFi.DataElements.Network.
 * @param readAt             when the oldest value the picture rests on was learned
 */
public record MeshTopology(long subscriberId, long controllerDeviceId, String networkId, List<Node> nodes,
                           List<Link> links, Instant readAt) {
    public MeshTopology {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /**
     * A mesh node. id is its EasyMesh AL MAC address; path its Data Elements object on the controller;
     * deviceId the ACS device that is this node when it is managed on its own (the controller node is
     * always the controller device).
     */
    public record Node(String id, String path, Long deviceId, String serialNumber, String model, boolean controller,
                       List<Radio> radios, List<Client> clients) {
        public Node {
            radios = List.copyOf(radios);
            clients = List.copyOf(clients);
        }

        /** Every SSID the node's access points broadcast. */
        public List<String> ssids() {
            return radios.stream().flatMap(r -> r.ssids().stream()).distinct().toList();
        }
    }

    /**
     * A radio: channel when known, utilisation in percent (Data Elements report 0-255), noise in dBm
     * (ANPI encoding), the SSIDs of its BSSes.
     */
    public record Radio(String path, Integer channel, Integer utilizationPercent, Integer noiseDbm, List<String> ssids) {
        public Radio {
            ssids = List.copyOf(ssids);
        }
    }

    /**
     * The backhaul of child towards parent: link type as reported ("Wi-Fi", "Ethernet", ...), signal in
     * dBm (from RCPI; null for wired links), the last data rates in kbit/s, link utilisation in percent.
     */
    public record Link(String child, String parent, String linkType, Integer signalDbm, Long downKbps, Long upKbps,
                       Integer utilizationPercent) {
        public boolean wired() {
            return linkType != null && !linkType.equalsIgnoreCase("Wi-Fi");
        }
    }

    /** An associated station: which node and SSID it is on, its signal (dBm) and last downlink rate (kbit/s). */
    public record Client(String mac, String node, String ssid, Integer signalDbm, Long downKbps, String hostname) {
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equalsIgnoreCase(id)).findFirst();
    }

    public Optional<Link> uplinkOf(String nodeId) {
        return links.stream().filter(l -> l.child().equalsIgnoreCase(nodeId)).findFirst();
    }

    public int clientCount() {
        return nodes.stream().mapToInt(n -> n.clients().size()).sum();
    }
}
