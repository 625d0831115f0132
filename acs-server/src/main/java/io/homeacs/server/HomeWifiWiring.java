package io.homeacs.server;

import io.homeacs.server.mesh.Mesh;
import io.homeacs.server.mesh.Recommendations;
import io.homeacs.server.triage.HomeWifiFindings;

/** Answers triage's question about a home's Wi-Fi with the mesh's findings, so neither package imports the other. */
final class HomeWifiWiring {
    private HomeWifiWiring() {
    }

    static HomeWifiFindings of(Mesh mesh) {
        return deviceId -> mesh.findingsForDevice(deviceId).stream().map(HomeWifiWiring::finding).toList();
    }

    static HomeWifiFindings.Finding finding(Recommendations.Finding f) {
        return new HomeWifiFindings.Finding(f.code(), f.node(), f.severity(), f.advice());
    }
}
