package io.homeacs.sim;

import io.homeacs.sim.model.DataModel;
import io.homeacs.sim.model.MeshSpec;
import io.homeacs.sim.model.MeshTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated mesh home: the gateway (EasyMesh controller) and the satellites managed as their own
 * devices. Keeps the gateway's Data Elements true to the nodes: a change of the gateway's SSIDs is
 * carried by the controller to every node not managed on its own; a managed satellite's own SSIDs show
 * in the gateway's tree. The failing satellite (scenario failing-satellite) accepts a change but its
 * radios keep the old names, on its own parameters and in the controller's view.
 */
final class MeshHome {
    private static final String[] SSIDS = {"Device.WiFi.SSID.1.SSID", "Device.WiFi.SSID.2.SSID"};

    private final VirtualDevice gateway;
    private final List<VirtualDevice> satellites;
    private final int nodes;
    private final int failingNode;

    MeshHome(VirtualDevice gateway, List<VirtualDevice> satellites, MeshSpec spec, long gatewaySeed) {
        this.gateway = gateway;
        this.satellites = List.copyOf(satellites);
        this.nodes = spec.nodesFor(gatewaySeed);
        this.failingNode = spec.failingNode(gatewaySeed);
        // One network everywhere from the start: the satellites broadcast the gateway's names.
        for (VirtualDevice s : this.satellites) {
            for (String p : SSIDS) {
                s.model().setInternal(p, gateway.model().value(p).orElse(""));
            }
        }
    }

    /** The node number (1 = gateway) of a device of this home, or 0. */
    private int nodeOf(VirtualDevice d) {
        if (d == gateway) {
            return 1;
        }
        int i = satellites.indexOf(d);
        return i < 0 ? 0 : i + 2;
    }

    Map<String, String> before(VirtualDevice d) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : SSIDS) {
            d.model().value(p).ifPresent(v -> m.put(p, v));
        }
        return m;
    }

    /** After d applied a SetParameterValues that changed these parameters. */
    void applied(VirtualDevice d, Map<String, String> before, List<String> changed) {
        int node = nodeOf(d);
        if (node == 0 || changed.stream().noneMatch(p -> p.startsWith("Device.WiFi.SSID."))) {
            return;
        }
        DataModel m = d.model();
        if (node == failingNode) {
            before.forEach(m::setInternal);
        }
        DataModel g = gateway.model();
        if (node == 1) {
            for (int n = 1; n <= nodes; n++) {
                boolean managed = n > 1 && n - 2 < satellites.size();
                if (!managed && n != failingNode) {
                    showSsids(g, n, m);
                }
            }
        } else {
            showSsids(g, node, m);
        }
    }

    /** The controller's view of node n takes the SSIDs the given model broadcasts. */
    private static void showSsids(DataModel gateway, int n, DataModel source) {
        for (int k = 1; k <= 2; k++) {
            String bss = MeshTemplate.NET + "Device." + n + ".Radio." + k + ".BSS.1.SSID";
            String value = source.value(SSIDS[k - 1]).orElse(null);
            if (value != null && gateway.exists(bss)) {
                gateway.setInternal(bss, value);
            }
        }
    }
}
