package io.homeacs.firmware;

import java.util.List;
import java.util.Locale;

/**
 * "May image X go on device Y": a pure function of the manifest, what the device reports, whether
 * the image was withdrawn and whether this is an upgrade or a rollback. The first failing check
 * decides, in this order: withdrawn, vendor, model, hardware, version unknown, same version,
 * downgrade (allowed only for a rollback), upgrade path.
 */
public final class Compatibility {

    /** Why an image may not go on a device. */
    public enum Reason {
        WITHDRAWN, WRONG_VENDOR, WRONG_MODEL, WRONG_HARDWARE, UNKNOWN_VERSION, SAME_VERSION, DOWNGRADE, NO_UPGRADE_PATH
    }

    /** An upgrade must follow the manifest's paths; a rollback to an earlier image may go down. */
    public enum Intent { UPGRADE, ROLLBACK }

    /**
     * The answer.
     *
     * @param reason null when allowed
     * @param detail the reason in words, or what was checked when allowed
     */
    public record Decision(boolean allowed, Reason reason, String detail) {

        static Decision allow(String detail) {
            return new Decision(true, null, detail);
        }

        static Decision refuse(Reason reason, String detail) {
            return new Decision(false, reason, detail);
        }
    }

    private Compatibility() {
    }

    /** An upgrade with an image that is not withdrawn. */
    public static Decision check(ImageManifest image, DeviceFacts device) {
        return check(image, device, Intent.UPGRADE, false);
    }

    public static Decision check(ImageManifest image, DeviceFacts device, Intent intent, boolean withdrawn) {
        if (withdrawn) {
            return Decision.refuse(Reason.WITHDRAWN, "image " + image.vendor() + " " + image.version() + " is withdrawn and must not be installed");
        }
        if (!vendorMatches(image, device)) {
            return Decision.refuse(Reason.WRONG_VENDOR, "image is for " + describeVendor(image) + ", device is "
                    + orUnknown(device.manufacturer()) + " (OUI " + orUnknown(device.oui()) + ")");
        }
        if (!image.productClasses().isEmpty()
                && !containsIgnoreCase(image.productClasses(), device.productClass())
                && !containsIgnoreCase(image.productClasses(), device.modelName())) {
            return Decision.refuse(Reason.WRONG_MODEL, "image is for " + image.productClasses() + ", device is product class "
                    + orUnknown(device.productClass()) + ", model " + orUnknown(device.modelName()));
        }
        if (!image.hardwareVersions().isEmpty() && !containsIgnoreCase(image.hardwareVersions(), device.hardwareVersion())) {
            return Decision.refuse(Reason.WRONG_HARDWARE, "image is for hardware " + image.hardwareVersions() + ", device has "
                    + orUnknown(device.hardwareVersion()));
        }
        FirmwareVersion target = image.firmwareVersion();
        if (!FirmwareVersion.isVersion(device.softwareVersion())) {
            if (intent == Intent.UPGRADE && !image.upgradeFrom().isEmpty()) {
                return Decision.refuse(Reason.UNKNOWN_VERSION, "device's software version " + orUnknown(device.softwareVersion())
                        + " cannot be placed on the image's upgrade paths");
            }
            return Decision.allow("device's software version is unknown; the image lists no upgrade path to check");
        }
        FirmwareVersion current = FirmwareVersion.parse(device.softwareVersion());
        int c = target.compareTo(current);
        if (c == 0) {
            return Decision.refuse(Reason.SAME_VERSION, "device already runs " + device.softwareVersion());
        }
        if (c < 0) {
            if (intent == Intent.ROLLBACK) {
                return Decision.allow("rollback from " + current.raw() + " to " + target.raw());
            }
            return Decision.refuse(Reason.DOWNGRADE, image.version() + " is older than the device's " + current.raw()
                    + "; only a rollback may install it");
        }
        if (image.upgradeFrom().isEmpty()) {
            return Decision.allow("upgrade from " + current.raw() + " to " + target.raw());
        }
        for (VersionRange r : image.upgradeFrom()) {
            if (r.contains(current)) {
                return Decision.allow("upgrade from " + current.raw() + " to " + target.raw() + " (path " + r + ")");
            }
        }
        return Decision.refuse(Reason.NO_UPGRADE_PATH, "no upgrade path from " + current.raw() + " to " + target.raw()
                + "; the image may be installed over " + image.upgradeFrom());
    }

    /** The OUI decides when the manifest names one; otherwise the manufacturer name, ignoring case. */
    private static boolean vendorMatches(ImageManifest image, DeviceFacts device) {
        if (!image.oui().isEmpty()) {
            return device.oui() != null && image.oui().equalsIgnoreCase(device.oui().trim());
        }
        return device.manufacturer() != null && image.vendor().equalsIgnoreCase(device.manufacturer().trim());
    }

    private static String describeVendor(ImageManifest image) {
        return image.vendor() + (image.oui().isEmpty() ? "" : " (OUI " + image.oui() + ")");
    }

    private static boolean containsIgnoreCase(List<String> list, String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return list.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals(v));
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }
}
