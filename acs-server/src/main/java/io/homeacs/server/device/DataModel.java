package io.homeacs.server.device;

/** The data-model root a device speaks; decides where well-known parameters live. */
public enum DataModel {
    TR181("Device."), TR098("InternetGatewayDevice.");

    private final String root;

    DataModel(String root) {
        this.root = root;
    }

    public String root() {
        return root;
    }

    public static DataModel ofPath(String path) {
        return path.startsWith(TR098.root) ? TR098 : TR181;
    }
}
