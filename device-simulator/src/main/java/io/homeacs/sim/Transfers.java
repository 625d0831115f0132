package io.homeacs.sim;

import io.homeacs.sim.cwmp.CpeMessages;
import io.homeacs.sim.cwmp.CwmpFault;
import io.homeacs.sim.cwmp.CwmpTypes.EventStruct;
import io.homeacs.sim.cwmp.CwmpTypes.QueuedTransfer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transfer queue of one device: Download, ScheduleDownload and Upload, executed after their session. */
final class Transfers {
    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);
    private static final int MAX_QUEUED = 16;
    private static final String FIRMWARE = "1 Firmware Upgrade Image";

    enum State {
        QUEUED(1), IN_PROGRESS(2), COMPLETED(3);

        final int code;

        State(int code) {
            this.code = code;
        }
    }

    /** method is the RPC that created it: "Download", "ScheduleDownload" or "Upload". */
    static final class Transfer {
        final String method;
        final String commandKey;
        final String fileType;
        final URI url;
        final String username;
        final String password;
        final long fileSize;
        final String targetFileName;
        volatile State state = State.QUEUED;
        volatile ScheduledFuture<?> timer;
        volatile String startTime = CpeMessages.UNKNOWN_TIME;

        Transfer(String method, String commandKey, String fileType, URI url, String username, String password,
                 long fileSize, String targetFileName) {
            this.method = method;
            this.commandKey = commandKey;
            this.fileType = fileType;
            this.url = url;
            this.username = username;
            this.password = password;
            this.fileSize = fileSize;
            this.targetFileName = targetFileName;
        }

        boolean download() {
            return !method.equals("Upload");
        }
    }

    private final VirtualDevice device;
    private final SimRuntime rt;
    private final FileTransferClient client;
    private final List<Transfer> transfers = new ArrayList<>();

    Transfers(VirtualDevice device, SimRuntime rt) {
        this.device = device;
        this.rt = rt;
        this.client = new FileTransferClient(rt.transferClient);
    }

    static URI checkUrl(String url) throws CwmpFault {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Malformed URL " + url);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CwmpFault(CwmpFault.UNSUPPORTED_PROTOCOL, "Unsupported transfer protocol '" + scheme + "'");
        }
        if (u.getHost() == null) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "URL without host " + url);
        }
        return u;
    }

    synchronized void enqueue(Transfer t) throws CwmpFault {
        transfers.removeIf(x -> x.state == State.COMPLETED);
        if (transfers.size() >= MAX_QUEUED) {
            throw new CwmpFault(CwmpFault.RESOURCES_EXCEEDED, "Transfer queue is full");
        }
        transfers.add(t);
    }

    /** Arms the transfer's start timer; called once the session that requested it has ended. */
    void arm(Transfer t, long delayMillis) {
        synchronized (this) {
            if (!transfers.contains(t)) {
                return;
            }
            t.timer = rt.schedule(() -> run(t), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        }
    }

    synchronized void cancel(String commandKey) throws CwmpFault {
        for (Transfer t : transfers) {
            if (t.commandKey.equals(commandKey) && t.state == State.QUEUED) {
                if (t.timer != null) {
                    t.timer.cancel(false);
                }
                transfers.remove(t);
                return;
            }
        }
        throw new CwmpFault(CwmpFault.CANCEL_NOT_PERMITTED,
                "No queued, not yet started transfer with CommandKey '" + commandKey + "'");
    }

    synchronized List<QueuedTransfer> list() {
        List<QueuedTransfer> out = new ArrayList<>();
        for (Transfer t : transfers) {
            out.add(new QueuedTransfer(t.commandKey, t.state.code, t.download(), t.fileType, t.fileSize, t.targetFileName));
        }
        return out;
    }

    synchronized void reset() {
        transfers.forEach(t -> {
            if (t.timer != null) {
                t.timer.cancel(false);
            }
        });
        transfers.clear();
    }

    private void run(Transfer t) {
        t.state = State.IN_PROGRESS;
        t.startTime = now();
        LOG.debug("{} starts {} {} from {}", device.serialNumber(), t.method, t.fileType, t.url);
        if (t.download() && FIRMWARE.equals(t.fileType)) {
            try {
                rt.firmwarePool.execute(() -> installFirmware(t));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("{}: fleet closing, firmware download dropped", device.serialNumber());
            }
        } else if (t.download()) {
            client.send("GET", t.url, new byte[0], t.username, t.password)
                    .whenComplete((r, e) -> downloaded(t, r, e));
        } else {
            byte[] body = uploadContent(t).getBytes(StandardCharsets.UTF_8);
            client.send("PUT", t.url, body, t.username, t.password).whenComplete((r, e) -> {
                if (e != null) {
                    finish(t, CwmpFault.UPLOAD_FAILURE, "Upload failure: " + e.getMessage(), false, null);
                } else if (r.statusCode() / 100 != 2) {
                    finish(t, r.statusCode() == 401 ? 9012 : CwmpFault.UPLOAD_FAILURE, "HTTP " + r.statusCode(), false, null);
                } else {
                    finish(t, 0, "", false, null);
                }
            });
        }
    }

    private void downloaded(Transfer t, HttpResponse<byte[]> r, Throwable e) {
        if (e != null) {
            finish(t, CwmpFault.DOWNLOAD_FAILURE, "File transfer failure: " + e.getMessage(), false, null);
        } else if (r.statusCode() == 401) {
            finish(t, 9012, "File transfer server authentication failure", false, null);
        } else if (r.statusCode() != 200) {
            finish(t, CwmpFault.DOWNLOAD_FAILURE, "File transfer failure: HTTP " + r.statusCode(), false, null);
        } else if (t.fileSize > 0 && r.body().length != t.fileSize) {
            finish(t, CwmpFault.FILE_CORRUPTED, "File corrupted: got " + r.body().length + " bytes, expected "
                    + t.fileSize, false, null);
        } else {
            finish(t, 0, "", false, null);
        }
    }

    /** Fetch and check the image, then flash it, or fail the way the fleet's firmware behaviour says. */
    private void installFirmware(Transfer t) {
        FirmwareBehaviour b = rt.firmware;
        FirmwareInstall.Result r = new FirmwareInstall(device, client, b).fetchAndVerify(t);
        if (r.faultCode() != 0) {
            finish(t, r.faultCode(), r.faultString(), false, null);
            return;
        }
        String serial = device.serialNumber();
        if (b.neverBack().selects(serial)) {
            t.state = State.COMPLETED;
            rt.schedule(device::goDark, b.flashMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        if (b.powerLoss().selects(serial)) {
            // Dual-bank flash: the interrupted write leaves the old bank, which boots and says so.
            flashed(t, CwmpFault.DOWNLOAD_FAILURE, "Download failure: power lost while flashing; running the previous image",
                    null, b.flashMillis() / 2);
            return;
        }
        flashed(t, 0, "", r.newVersion(), b.flashMillis());
    }

    /** A firmware image that starts with "version=&lt;v&gt;" installs software version v. */
    static String firmwareVersion(byte[] image) {
        int n = Math.min(image.length, 256);
        String head = new String(image, 0, n, StandardCharsets.ISO_8859_1);
        int nl = head.indexOf('\n');
        String first = (nl >= 0 ? head.substring(0, nl) : head).strip();
        return first.startsWith("version=") && first.length() > 8 ? first.substring(8).strip() : null;
    }

    private void finish(Transfer t, int faultCode, String faultString, boolean reboot, String newVersion) {
        if (reboot) {
            flashed(t, faultCode, faultString, newVersion, 0);
            return;
        }
        t.state = State.COMPLETED;
        LOG.debug("{} {} {} finished with fault {}", device.serialNumber(), t.method, t.commandKey, faultCode);
        device.addRequest(transferComplete(t, faultCode, faultString));
        device.requestSession(true);
    }

    /**
     * Down for the flash, then boot ("1 BOOT") and report: TransferComplete with "M Download" and
     * "7 TRANSFER COMPLETE", on the new version when the flash succeeded.
     */
    private void flashed(Transfer t, int faultCode, String faultString, String newVersion, long flashMillis) {
        device.reboot(List.of(), () -> {
            t.state = State.COMPLETED;
            if (faultCode == 0 && newVersion != null) {
                device.model().setInternal(device.root() + "DeviceInfo.SoftwareVersion", newVersion);
            }
            LOG.debug("{} {} {} flashed with fault {}", device.serialNumber(), t.method, t.commandKey, faultCode);
            device.addRequest(transferComplete(t, faultCode, faultString));
        }, flashMillis + 1000);
    }

    private EventBook.PendingRequest transferComplete(Transfer t, int faultCode, String faultString) {
        String body = CpeMessages.transferComplete(t.commandKey, faultCode, faultString,
                faultCode == 0 ? t.startTime : CpeMessages.UNKNOWN_TIME, now());
        return new EventBook.PendingRequest("TransferComplete", body,
                List.of(EventStruct.of(EventBook.TRANSFER_COMPLETE), new EventStruct("M " + t.method, t.commandKey)));
    }

    private String uploadContent(Transfer t) {
        StringBuilder sb = new StringBuilder();
        if (t.fileType.contains("Log")) {
            sb.append("# ").append(device.deviceId()).append(" system log\n");
            sb.append(now()).append(" cwmpd: session ok\n").append(now()).append(" pppd: link up\n");
        } else {
            sb.append("# ").append(device.deviceId()).append(" configuration backup\n");
            try {
                device.model().getParameterValues(List.of(device.root() + "ManagementServer."))
                        .forEach(p -> sb.append(p.name()).append('=').append(p.value()).append('\n'));
            } catch (CwmpFault e) {
                sb.append("# unavailable: ").append(e.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
