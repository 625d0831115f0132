package io.homeacs.firmware;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator states, and signs, about a firmware image: whom it is for, what it is, and
 * from which versions it may be installed.
 *
 * <p>The signed form is {@link #canonicalBytes()}: the UTF-8 of the manifest as canonical JSON
 * (sorted keys, no whitespace, every field written, see {@link CanonicalJson}), for example
 * <pre>{"fileName":"","fileType":"1 Firmware Upgrade Image","hardwareVersions":["HW1"],
 * "oui":"00259E","productClasses":["HG8145V5"],"releaseNotes":"","sha256":"9f86…",
 * "size":1048576,"upgradeFrom":["[V3R017C10S100,V3R017C10S200)"],"vendor":"Huawei",
 * "version":"V3R017C10S200"}</pre>
 *
 * @param vendor           the manufacturer as devices report it (compared ignoring case)
 * @param oui              the manufacturer OUI (6 hex digits), or empty when the vendor name decides
 * @param productClasses   product classes or model names the image is for; empty means any
 * @param hardwareVersions hardware versions the image is for; empty means any
 * @param version          the software version the device reports once the image is installed
 * @param size             the payload's length in bytes
 * @param sha256           the payload's SHA-256, 64 lower-case hex digits
 * @param releaseNotes     free text
 * @param upgradeFrom      versions the image may be installed over; empty means any older version
 * @param fileType         the TR-069 FileType of the Download ({@value #FIRMWARE_FILE_TYPE} by default)
 * @param fileName         the file name a device is given as TargetFileName, or empty
 */
public record ImageManifest(String vendor, String oui, List<String> productClasses, List<String> hardwareVersions,
                            String version, long size, String sha256, String releaseNotes,
                            List<VersionRange> upgradeFrom, String fileType, String fileName) {

    public static final String FIRMWARE_FILE_TYPE = "1 Firmware Upgrade Image";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern OUI = Pattern.compile("[0-9A-F]{6}");
    private static final Set<String> KEYS = Set.of("vendor", "oui", "productClasses", "hardwareVersions", "version",
            "size", "sha256", "releaseNotes", "upgradeFrom", "fileType", "fileName");
    /** Keeps a manifest a header, not a document: notes and lists have room, but no more. */
    public static final int MAX_TEXT = 16_384;

    public ImageManifest {
        vendor = required(vendor, "vendor");
        oui = oui == null ? "" : oui.trim().toUpperCase(Locale.ROOT);
        if (!oui.isEmpty() && !OUI.matcher(oui).matches()) {
            throw new IllegalArgumentException("oui must be 6 hex digits: \"" + oui + "\"");
        }
        productClasses = cleanList(productClasses, "productClasses");
        hardwareVersions = cleanList(hardwareVersions, "hardwareVersions");
        version = required(version, "version");
        FirmwareVersion.parse(version);
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        sha256 = sha256 == null ? "" : sha256.trim().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits");
        }
        releaseNotes = releaseNotes == null ? "" : releaseNotes;
        if (releaseNotes.length() > MAX_TEXT) {
            throw new IllegalArgumentException("releaseNotes longer than " + MAX_TEXT + " characters");
        }
        upgradeFrom = List.copyOf(upgradeFrom == null ? List.of() : upgradeFrom);
        fileType = fileType == null || fileType.isBlank() ? FIRMWARE_FILE_TYPE : fileType.trim();
        fileName = fileName == null ? "" : fileName.trim();
        if (fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("fileName must be a bare file name");
        }
    }

    private static String required(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (s.length() > 256) {
            throw new IllegalArgumentException(name + " longer than 256 characters");
        }
        return s.trim();
    }

    private static List<String> cleanList(List<String> in, String name) {
        if (in == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : in) {
            String t = required(s, name + " entry");
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    public FirmwareVersion firmwareVersion() {
        return FirmwareVersion.parse(version);
    }

    /** The same manifest describing another payload (used by the signing tool, which measures it). */
    public ImageManifest withPayload(long newSize, String newSha256) {
        return new ImageManifest(vendor, oui, productClasses, hardwareVersions, version, newSize, newSha256,
                releaseNotes, upgradeFrom, fileType, fileName);
    }

    public String toCanonicalJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vendor", vendor);
        m.put("oui", oui);
        m.put("productClasses", productClasses);
        m.put("hardwareVersions", hardwareVersions);
        m.put("version", version);
        m.put("size", size);
        m.put("sha256", sha256);
        m.put("releaseNotes", releaseNotes);
        List<String> ranges = new ArrayList<>();
        upgradeFrom.forEach(r -> ranges.add(r.toString()));
        m.put("upgradeFrom", ranges);
        m.put("fileType", fileType);
        m.put("fileName", fileName);
        return CanonicalJson.write(m);
    }

    /** The bytes a signature covers. */
    public byte[] canonicalBytes() {
        return toCanonicalJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a manifest from JSON in any layout. {@code vendor} and {@code version} are required;
     * {@code size} and {@code sha256} too, unless {@code measureLater} (the signing tool fills them
     * from the payload). Unknown keys are refused, so nothing the signer did not see can ride along.
     */
    public static ImageManifest fromJson(String json, boolean measureLater) {
        Object parsed = CanonicalJson.read(Objects.requireNonNull(json, "json"));
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("manifest must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) parsed;
        for (String key : m.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown manifest field \"" + key + "\"");
            }
        }
        List<VersionRange> from = new ArrayList<>();
        for (String r : strings(m, "upgradeFrom")) {
            from.add(VersionRange.parse(r));
        }
        Object size = m.get("size");
        if (size != null && !(size instanceof Long)) {
            throw new IllegalArgumentException("size must be an integer");
        }
        String sha = string(m, "sha256");
        if (measureLater && size == null && sha == null) {
            return new ImageManifest(string(m, "vendor"), string(m, "oui"), strings(m, "productClasses"),
                    strings(m, "hardwareVersions"), string(m, "version"), 0, "0".repeat(64),
                    string(m, "releaseNotes"), from, string(m, "fileType"), string(m, "fileName"));
        }
        if (size == null) {
            throw new IllegalArgumentException("size is required");
        }
        if (sha == null) {
            throw new IllegalArgumentException("sha256 is required");
        }
        return new ImageManifest(string(m, "vendor"), string(m, "oui"), strings(m, "productClasses"),
                strings(m, "hardwareVersions"), string(m, "version"), (Long) size, sha,
                string(m, "releaseNotes"), from, string(m, "fileType"), string(m, "fileName"));
    }

    public static ImageManifest fromJson(String json) {
        return fromJson(json, false);
    }

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return (String) v;
    }

    private static List<String> strings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(key + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof String)) {
                throw new IllegalArgumentException(key + " must be a list of strings");
            }
            out.add((String) o);
        }
        return out;
    }
}
