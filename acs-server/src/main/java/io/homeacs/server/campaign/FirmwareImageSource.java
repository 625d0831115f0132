package io.homeacs.server.campaign;

import io.homeacs.firmware.Compatibility;
import io.homeacs.firmware.FirmwareVersion;
import io.homeacs.server.device.Device;
import io.homeacs.server.firmware.FirmwareImage;
import io.homeacs.server.firmware.FirmwareImages;
import io.homeacs.server.firmware.ImageState;
import io.homeacs.server.task.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Campaigns' view of the firmware catalogue: compatibility and the signed per-device Download come from there. */
public final class FirmwareImageSource implements ImageSource {
    private static final int CATALOGUE_SCAN = 1000;
    private final FirmwareImages images;

    public FirmwareImageSource(FirmwareImages images) {
        this.images = images;
    }

    @Override
    public Optional<Image> find(long imageId) {
        return images.find(imageId).map(i -> new Image(i.id(), i.manifest().vendor(), i.manifest().version(), i.withdrawn()));
    }

    @Override
    public Compatibility.Decision check(long imageId, Device device, boolean rollback) {
        return images.compatibility(images.get(imageId), device,
            rollback ? Compatibility.Intent.ROLLBACK : Compatibility.Intent.UPGRADE);
    }

    @Override
    public Optional<Long> imageOf(Device device) {
        String version = device.softwareVersion();
        if (version == null || !FirmwareVersion.isVersion(version)) {
            return Optional.empty();
        }
        FirmwareVersion current = FirmwareVersion.parse(version);
        List<FirmwareImage> all = images.list(null, ImageState.ACTIVE, CATALOGUE_SCAN);
        for (FirmwareImage i : all) {
            List<String> classes = i.manifest().productClasses();
            boolean model = classes.isEmpty() || classes.stream().anyMatch(c -> c.equalsIgnoreCase(nz(device.identity().productClass()))
                || c.equalsIgnoreCase(nz(device.modelName())));
            if (model && i.manifest().firmwareVersion().compareTo(current) == 0) {
                return Optional.of(i.id());
            }
        }
        return Optional.empty();
    }

    @Override
    public TaskSpec download(long imageId, Device device, Duration validFor) {
        return images.downloadFor(imageId, device, validFor);
    }

    private static String nz(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
