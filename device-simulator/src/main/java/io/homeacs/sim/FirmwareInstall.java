package io.homeacs.sim;

import io.homeacs.firmware.Compatibility;
import io.homeacs.firmware.DeviceFacts;
import io.homeacs.firmware.ImageContainer;
import io.homeacs.firmware.ImageManifest;
import io.homeacs.firmware.ImageRejectedException;
import io.homeacs.firmware.ManifestVerifier;
import io.homeacs.sim.cwmp.CwmpFault;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A firmware Download as a CPE carries it out: fetch (resuming a dropped connection), check the
 * length against FileSize, read the signed container, verify the manifest's signature with the
 * trusted keys, refuse an image not made for this device, check the payload's size and SHA-256,
 * then flash and reboot onto the new version. Failure injection ({@link FirmwareBehaviour}) bends
 * this at the points real devices fail. Runs on the firmware pool: it blocks for the transfer.
 */
final class FirmwareInstall {
    private static final Logger LOG = LoggerFactory.getLogger(FirmwareInstall.class);
    static final int AUTHENTICATION_FAILURE = 9019;
    private static final int SERVER_AUTH_FAILURE = 9012;
    private static final int MAX_PLAIN_IMAGE = 16 << 20;
    private static final EnumSet<Compatibility.Reason> NOT_FOR_THIS_DEVICE =
            EnumSet.of(Compatibility.Reason.WRONG_VENDOR, Compatibility.Reason.WRONG_MODEL, Compatibility.Reason.WRONG_HARDWARE);

    /** How the download ended before flashing: faultCode 0 with the version to install, or a fault. */
    record Result(int faultCode, String faultString, String newVersion) {
        static Result fault(int code, String text) {
            return new Result(code, text, null);
        }
    }

    private final VirtualDevice device;
    private final FileTransferClient client;
    private final FirmwareBehaviour behaviour;

    FirmwareInstall(VirtualDevice device, FileTransferClient client, FirmwareBehaviour behaviour) {
        this.device = device;
        this.client = client;
        this.behaviour = behaviour;
    }

    Result fetchAndVerify(Transfers.Transfer t) {
        String serial = device.serialNumber();
        try (FirmwareFetch fetch = FirmwareFetch.open(client, t.url, t.username, t.password)) {
            if (t.fileSize > 0 && fetch.length() >= 0 && fetch.length() != t.fileSize) {
                return Result.fault(CwmpFault.FILE_CORRUPTED, "File corrupted: the server has " + fetch.length()
                        + " bytes, FileSize says " + t.fileSize);
            }
            InputStream raw = behaviour.corrupt().selects(serial) ? new Corrupting(fetch, fetch.length()) : fetch;
            BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
            in.mark(ImageContainer.MAGIC.length);
            byte[] magic = in.readNBytes(ImageContainer.MAGIC.length);
            in.reset();
            Result r = Arrays.equals(magic, ImageContainer.MAGIC) ? signed(in, t) : plain(in, t);
            if (fetch.resumes() > 0) {
                LOG.info("{} resumed its download of {} {} time(s)", serial, t.commandKey, fetch.resumes());
            }
            return r;
        } catch (FirmwareFetch.HttpStatusException e) {
            return e.status == 401 ? Result.fault(SERVER_AUTH_FAILURE, "File transfer server authentication failure")
                    : Result.fault(CwmpFault.DOWNLOAD_FAILURE, "File transfer failure: HTTP " + e.status);
        } catch (ImageRejectedException e) {
            return e.problem() == ImageRejectedException.Problem.SIGNATURE
                    ? Result.fault(AUTHENTICATION_FAILURE, "File authentication failure: " + e.getMessage())
                    : Result.fault(CwmpFault.FILE_CORRUPTED, "File corrupted: " + e.getMessage());
        } catch (IOException e) {
            return Result.fault(CwmpFault.DOWNLOAD_FAILURE, "File transfer failure: " + e.getMessage());
        }
    }

    private Result signed(InputStream in, Transfers.Transfer t) throws IOException, ImageRejectedException {
        ImageContainer.Header h = ImageContainer.readHeader(in);
        if (!behaviour.trustKeys().isEmpty()) {
            ImageContainer.checkSignature(h, new ManifestVerifier(behaviour.trustKeys()));
        }
        Result refusal = refusal(h.manifest());
        if (refusal != null) {
            return refusal;
        }
        ImageContainer.copyPayload(in, null, h.manifest());
        return new Result(0, "", h.manifest().version());
    }

    /** An image without a container: accepted only by a device that trusts no keys (a lab setup). */
    private Result plain(InputStream in, Transfers.Transfer t) throws IOException {
        if (!behaviour.trustKeys().isEmpty()) {
            return Result.fault(AUTHENTICATION_FAILURE, "File authentication failure: the image is not signed");
        }
        byte[] body = in.readNBytes(MAX_PLAIN_IMAGE + 1);
        if (body.length > MAX_PLAIN_IMAGE) {
            return Result.fault(CwmpFault.DOWNLOAD_FAILURE, "Download failure: image too large for this device");
        }
        if (t.fileSize > 0 && body.length != t.fileSize) {
            return Result.fault(CwmpFault.FILE_CORRUPTED, "File corrupted: got " + body.length + " bytes, expected " + t.fileSize);
        }
        if (behaviour.refuse().selects(device.serialNumber())) {
            return Result.fault(CwmpFault.DOWNLOAD_FAILURE, "Download failure: image refused by the device");
        }
        return new Result(0, "", Transfers.firmwareVersion(body));
    }

    /** The device's own check: its vendor, model and hardware only; upgrade paths are the ACS's business. */
    private Result refusal(ImageManifest m) {
        if (behaviour.refuse().selects(device.serialNumber())) {
            return Result.fault(CwmpFault.DOWNLOAD_FAILURE, "Download failure: image refused by the device");
        }
        DeviceFacts facts = new DeviceFacts(device.manufacturer(), device.oui(), device.productClass(),
                device.value(device.root() + "DeviceInfo.ModelName").orElse(null),
                device.value(device.root() + "DeviceInfo.HardwareVersion").orElse(null),
                device.value(device.root() + "DeviceInfo.SoftwareVersion").orElse(null));
        Compatibility.Decision d = Compatibility.check(m, facts, Compatibility.Intent.ROLLBACK, false);
        if (!d.allowed() && NOT_FOR_THIS_DEVICE.contains(d.reason())) {
            return Result.fault(CwmpFault.DOWNLOAD_FAILURE, "Download failure: image refused: " + d.detail());
        }
        return null;
    }

    /** Line noise: one bit of the file's last byte flips on the way (or of byte 4096 when the length is unknown). */
    private static final class Corrupting extends FilterInputStream {
        private final long target;
        private long position;

        Corrupting(InputStream in, long length) {
            super(in);
            this.target = length > 0 ? length - 1 : 4096;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && target >= position && target < position + n) {
                b[off + (int) (target - position)] ^= 0x01;
            }
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
