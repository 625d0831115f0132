package io.homeacs.server.device;

/** OUI, product class and serial number as the device reports them; the key is how TR-069 names a device. */
public record DeviceIdentity(String oui, String productClass, String serialNumber) {

    public DeviceIdentity {
        oui = oui == null ? "" : oui.trim();
        productClass = productClass == null ? "" : productClass.trim();
        serialNumber = serialNumber == null ? "" : serialNumber.trim();
    }

    /** OUI-ProductClass-SerialNumber, or OUI-SerialNumber when the product class is empty (TR-069 3.4.4). */
    public String key() {
        return productClass.isEmpty() ? oui + "-" + serialNumber : oui + "-" + productClass + "-" + serialNumber;
    }

    public boolean valid() {
        return !oui.isEmpty() && !serialNumber.isEmpty() && key().length() <= 256;
    }
}
