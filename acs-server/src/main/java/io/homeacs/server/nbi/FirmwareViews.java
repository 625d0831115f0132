package io.homeacs.server.nbi;

import io.homeacs.firmware.ImageManifest;
import io.homeacs.firmware.VersionRange;
import io.homeacs.server.firmware.FirmwareImage;
import io.homeacs.server.firmware.TrustedKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON views of firmware images and trusted keys. */
final class FirmwareViews {
    private FirmwareViews() {
    }

    static Map<String, Object> image(FirmwareImage i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("state", i.state().apiName());
        m.put("manifest", manifest(i.manifest()));
        m.put("signature", i.signature());
        m.put("keyId", i.keyId());
        m.put("fileName", i.fileName());
        m.put("fileSize", i.fileSize());
        m.put("fileSha256", i.fileSha256());
        m.put("uploadedBy", i.uploadedBy());
        m.put("uploadedAt", i.uploadedAt().toString());
        m.put("withdrawnBy", i.withdrawnBy());
        m.put("withdrawnAt", i.withdrawnAt() == null ? null : i.withdrawnAt().toString());
        m.put("withdrawReason", i.withdrawReason());
        return m;
    }

    static Map<String, Object> manifest(ImageManifest mf) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vendor", mf.vendor());
        m.put("oui", mf.oui());
        m.put("productClasses", mf.productClasses());
        m.put("hardwareVersions", mf.hardwareVersions());
        m.put("version", mf.version());
        m.put("size", mf.size());
        m.put("sha256", mf.sha256());
        m.put("releaseNotes", mf.releaseNotes());
        m.put("upgradeFrom", mf.upgradeFrom().stream().map(VersionRange::toString).toList());
        m.put("fileType", mf.fileType());
        m.put("fileName", mf.fileName());
        return m;
    }

    static Map<String, Object> key(TrustedKeys.TrustedKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keyId", k.keyId());
        m.put("name", k.name());
        m.put("publicKey", k.publicKeyPem());
        m.put("source", k.source());
        m.put("addedBy", k.addedBy());
        m.put("addedAt", k.addedAt() == null ? null : k.addedAt().toString());
        return m;
    }
}
