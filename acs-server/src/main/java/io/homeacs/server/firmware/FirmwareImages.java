package io.homeacs.server.firmware;

import io.homeacs.firmware.Compatibility;
import io.homeacs.firmware.DeviceFacts;
import io.homeacs.firmware.ImageContainer;
import io.homeacs.firmware.ImageRejectedException;
import io.homeacs.server.device.Device;
import io.homeacs.server.firmware.store.ImageStorage;
import io.homeacs.server.store.Database;
import io.homeacs.server.store.StoreException;
import io.homeacs.server.task.TaskSpec;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firmware catalogue as the rest of the ACS uses it: upload (checked against the trusted keys
 * and the manifest while streaming to the storage), list, withdraw, compatibility, and the Download
 * a device is sent for an image — a URL signed for that device, so campaigns never build one.
 */
public final class FirmwareImages {
    private static final Logger LOG = LoggerFactory.getLogger(FirmwareImages.class);

    /**
     * @param maxImageBytes largest container accepted
     * @param linkTtl       how long a download URL stays valid
     */
    public record Settings(long maxImageBytes, Duration linkTtl) {
    }

    private final ImageCatalog catalog;
    private final ImageStorage storage;
    private final TrustedKeys keys;
    private final DownloadLinks links;
    private final DownloadBase base;
    private final Settings settings;
    private final Clock clock;

    public FirmwareImages(Database db, ImageStorage storage, TrustedKeys keys, DownloadLinks links,
                          DownloadBase base, Settings settings, Clock clock) {
        this.catalog = new ImageCatalog(db);
        this.storage = storage;
        this.keys = keys;
        this.links = links;
        this.base = base;
        this.settings = settings;
        this.clock = clock;
    }

    public TrustedKeys keys() {
        return keys;
    }

    public ImageStorage storage() {
        return storage;
    }

    public DownloadLinks links() {
        return links;
    }

    /**
     * Takes an image container (see {@link ImageContainer}) from a stream. Refused before anything
     * is stored when the header is malformed or no trusted key signed it; refused with nothing kept
     * when the payload does not match the manifest's size and SHA-256.
     */
    public FirmwareImage upload(InputStream body, String by) {
        InputStream in = new BufferedInputStream(body, 64 * 1024);
        ImageContainer.Header header;
        String keyId;
        try {
            header = ImageContainer.readHeader(in);
            keyId = ImageContainer.checkSignature(header, keys.verifier());
        } catch (ImageRejectedException e) {
            throw refusal(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
        if (header.fileSize() > settings.maxImageBytes()) {
            throw new FirmwareException(FirmwareException.Kind.TOO_LARGE, "image of " + header.fileSize()
                + " bytes is larger than firmware.max-image-mb (" + settings.maxImageBytes() + " bytes)");
        }
        String signature = Base64.getEncoder().encodeToString(header.signature());
        byte[] headerBytes = ImageContainer.header(header.manifest(), header.signature());
        ImageStorage.Stored stored;
        try {
            stored = storage.put(new SequenceInputStream(new ByteArrayInputStream(headerBytes),
                new PayloadCheck(in, header.manifest())), settings.maxImageBytes());
        } catch (PayloadCheck.Mismatch e) {
            throw refusal(e.rejection());
        } catch (ImageStorage.TooLargeException e) {
            throw new FirmwareException(FirmwareException.Kind.TOO_LARGE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("storing the image failed", e);
        }
        Optional<FirmwareImage> created;
        try {
            created = catalog.insert(header.manifest(), signature, keyId, stored.key(), stored.size(), stored.sha256(), by,
                clock.instant());
        } catch (StoreException e) {
            discard(stored.key());
            // The unique index settles a race between two uploads of one image.
            created = Optional.empty();
        }
        if (created.isEmpty()) {
            discard(stored.key());
            throw new FirmwareException(FirmwareException.Kind.CONFLICT, "image " + header.manifest().vendor() + " "
                + header.manifest().version() + " with this payload is already in the catalogue");
        }
        LOG.info("firmware image {} uploaded by {}: {} {} ({} bytes, key {})", created.get().id(), by,
            header.manifest().vendor(), header.manifest().version(), stored.size(), keyId);
        return created.get();
    }

    private static FirmwareException refusal(ImageRejectedException e) {
        return new FirmwareException(e.problem() == ImageRejectedException.Problem.MALFORMED
            ? FirmwareException.Kind.INVALID : FirmwareException.Kind.REFUSED, e.getMessage());
    }

    private void discard(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            LOG.warn("could not remove stored image {}: {}", key, e.toString());
        }
    }

    public Optional<FirmwareImage> find(long id) {
        return catalog.find(id);
    }

    public FirmwareImage get(long id) {
        return find(id).orElseThrow(() -> new FirmwareException(FirmwareException.Kind.NOT_FOUND, "firmware image " + id + " not found"));
    }

    /** Newest first. vendor and state may be null (no filter). */
    public List<FirmwareImage> list(String vendor, ImageState state, int limit) {
        return catalog.list(vendor, state, limit);
    }

    /** Marks the image withdrawn: never offered, never served again. A second withdrawal is a conflict. */
    public FirmwareImage withdraw(long id, String by, String reason) {
        get(id);
        if (reason != null && reason.length() > 500) {
            throw new FirmwareException(FirmwareException.Kind.INVALID, "reason longer than 500 characters");
        }
        if (!catalog.withdraw(id, by, reason, clock.instant())) {
            throw new FirmwareException(FirmwareException.Kind.CONFLICT, "firmware image " + id + " is already withdrawn");
        }
        LOG.info("firmware image {} withdrawn by {}: {}", id, by, reason);
        return get(id);
    }

    public static DeviceFacts factsOf(Device d) {
        return new DeviceFacts(d.manufacturer(), d.identity().oui(), d.identity().productClass(), d.modelName(),
            d.hardwareVersion(), d.softwareVersion());
    }

    public Compatibility.Decision compatibility(FirmwareImage image, Device device, Compatibility.Intent intent) {
        return Compatibility.check(image.manifest(), factsOf(device), intent, image.withdrawn());
    }

    /** The CWMP Download that installs this image on this device, with a URL valid for {@link Settings#linkTtl()}. */
    public TaskSpec.Download downloadFor(long imageId, Device device) {
        return downloadFor(imageId, device, settings.linkTtl());
    }

    /** As {@link #downloadFor(long, Device)} with the URL valid for {@code validFor} (match it to the task's expiry). */
    public TaskSpec.Download downloadFor(long imageId, Device device, Duration validFor) {
        FirmwareImage image = servable(imageId);
        return new TaskSpec.Download(image.manifest().fileType(), url(image, device, validFor), "", "", image.fileSize(),
            image.fileName(), 0, "", "");
    }

    /** The same as a ScheduleDownload with the device's time windows. */
    public TaskSpec.ScheduleDownload scheduleDownloadFor(long imageId, Device device, Duration validFor,
                                                         List<TaskSpec.Window> windows) {
        FirmwareImage image = servable(imageId);
        return new TaskSpec.ScheduleDownload(image.manifest().fileType(), url(image, device, validFor), "", "",
            image.fileSize(), image.fileName(), windows);
    }

    /** A signed URL for this device to fetch the image (also usable for USP's FirmwareImage Download()). */
    public String downloadUrl(long imageId, Device device, Duration validFor) {
        return url(servable(imageId), device, validFor);
    }

    private FirmwareImage servable(long imageId) {
        FirmwareImage image = get(imageId);
        if (image.withdrawn()) {
            throw new FirmwareException(FirmwareException.Kind.CONFLICT, "firmware image " + imageId + " is withdrawn");
        }
        return image;
    }

    private String url(FirmwareImage image, Device device, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero()) {
            throw new FirmwareException(FirmwareException.Kind.INVALID, "a download link must be valid for some time");
        }
        Instant expires = clock.instant().plus(validFor);
        return base.forDevice(device) + links.path(image.id(), device.id(), expires, image.fileName());
    }
}
