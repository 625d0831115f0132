package io.homeacs.sim.model;

/** Identity shared by every unit of one (fictional) product. */
public record DeviceProfile(String manufacturer, String oui, String productClass, String modelName,
                            String description, String hardwareVersion, String softwareVersion) {

    public static final DeviceProfile ONT = new DeviceProfile("OptiLink", "A4C3F0", "HG8245Q2",
            "OptiLink HG8245Q2", "GPON ONT with dual-band Wi-Fi", "HG8245Q2-V3", "V5R020C10S115");
    public static final DeviceProfile ONT_LEGACY = new DeviceProfile("OptiLink", "A4C3F0", "HG8145V5",
            "OptiLink HG8145V5", "GPON ONT (legacy IGD firmware)", "HG8145V5-V2", "V3R017C10S120");
    public static final DeviceProfile MESH = new DeviceProfile("MeshWave", "5C7B5C", "AX3000M",
            "MeshWave AX3000 Mesh", "Wi-Fi 6 EasyMesh router", "AX3000M-A1", "2.4.1-b118");
    public static final DeviceProfile STB = new DeviceProfile("ViewBox", "00D0B8", "IPTV-4K",
            "ViewBox IPTV-4K", "4K IPTV set-top box", "VB4K-R2", "7.2.15");
}
