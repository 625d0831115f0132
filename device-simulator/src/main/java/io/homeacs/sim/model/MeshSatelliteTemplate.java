package io.homeacs.sim.model;

import java.util.SplittableRandom;

/**
 * A mesh satellite managed as its own device: TR-181 Wi-Fi radios, SSIDs and access points and its
 * LAN hosts; its place in the home's mesh is in the gateway's Data Elements (same serial number).
 */
public final class MeshSatelliteTemplate extends Tr181Template {
    public static final MeshSatelliteTemplate INSTANCE = new MeshSatelliteTemplate();

    private MeshSatelliteTemplate() {
    }

    @Override
    void addKindSpecific(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        Tr181Common.wifi(b, c, r);
        Tr181Common.hosts(b, r, r.nextInt(3));
    }
}
