package io.homeacs.server.campaign;

import io.homeacs.firmware.Compatibility;
import io.homeacs.server.device.Device;
import io.homeacs.server.task.TaskSpec;
import java.time.Duration;
import java.util.Optional;

/** What a campaign needs of the firmware catalogue (see {@link FirmwareImageSource}). */
public interface ImageSource {

    /** A catalogue image as campaigns see it. */
    record Image(long id, String vendor, String version, boolean withdrawn) {
    }

    Optional<Image> find(long imageId);

    /** May this image go on the device now; rollback allows going down to an earlier version. */
    Compatibility.Decision check(long imageId, Device device, boolean rollback);

    /** The catalogue image of the version the device runs now, if there is one: what a rollback returns it to. */
    Optional<Long> imageOf(Device device);

    /** The protocol-neutral Download that installs the image on the device, its link valid that long. */
    TaskSpec download(long imageId, Device device, Duration validFor);
}
