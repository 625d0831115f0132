package io.homeacs.sim;

import io.homeacs.sim.cwmp.CwmpTypes.EventStruct;
import io.homeacs.sim.model.DataModel;
import io.homeacs.sim.model.DiagnosticsTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a device's TR-143 diagnostics the way TR-069 asks: a test the ACS requested
 * (DiagnosticsState=Requested) starts once the session that requested it has ended, writes its
 * results into the object, and the device then informs "8 DIAGNOSTICS COMPLETE". Changing any other
 * parameter of an object while its test runs aborts the test (state None). Download and upload really
 * transfer over HTTP, shaped to the line rate; ping and trace route use {@link SimulatedNetwork}.
 */
final class DiagnosticsRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsRunner.class);
    static final String DIAGNOSTICS_COMPLETE = "8 DIAGNOSTICS COMPLETE";
    private static final String STATE = "DiagnosticsState";
    private static final long MAX_SIMULATED_WAIT_MS = 2000;

    private final VirtualDevice device;
    private final SimRuntime rt;
    private final LineRate rate;
    /** A test's generation: one started later, or an abort, makes a running test's results stale. */
    private final Map<String, Long> generation = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    DiagnosticsRunner(VirtualDevice device, SimRuntime rt, LineRate rate) {
        this.device = device;
        this.rt = rt;
        this.rate = rate;
    }

    /** The diagnostics object a parameter belongs to ("Device.IP.Diagnostics.IPPing."), or null. */
    static String objectOf(String path) {
        for (String o : List.of("Device.IP.Diagnostics.DownloadDiagnostics.", "Device.IP.Diagnostics.UploadDiagnostics.",
                "Device.IP.Diagnostics.IPPing.", "Device.IP.Diagnostics.TraceRoute.", "InternetGatewayDevice.DownloadDiagnostics.",
                "InternetGatewayDevice.UploadDiagnostics.", "InternetGatewayDevice.IPPingDiagnostics.",
                "InternetGatewayDevice.TraceRouteDiagnostics.", "Device.SelfTestDiagnostics.",
                "InternetGatewayDevice.SelfTestDiagnostics.")) {
            if (path.startsWith(o)) {
                return o;
            }
        }
        return null;
    }

    /** After a SetParameterValues: start what was requested (after the session), abort what was reconfigured. */
    void applied(Map<String, String> set) {
        Map<String, List<String>> byObject = set.keySet().stream().filter(p -> objectOf(p) != null)
                .collect(Collectors.groupingBy(DiagnosticsRunner::objectOf));
        DataModel m = device.model();
        byObject.forEach((object, params) -> {
            long gen = generation.merge(object, 1L, Long::sum);
            if ("Requested".equals(set.get(object + STATE))) {
                device.runAfterSession(() -> submit(object, gen));
            } else if (m.value(object + STATE).orElse("").equals("Requested")) {
                m.setInternal(object + STATE, "None");
            }
        });
    }

    private void submit(String object, long gen) {
        try {
            rt.diagnosticsPool.execute(() -> {
                try {
                    run(object, gen);
                } catch (RuntimeException e) {
                    LOG.warn("{} diagnostics {} failed", device.serialNumber(), object, e);
                    finish(object, gen, Map.of(STATE, "Error_Internal"));
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("fleet closing; {} not run", object);
        }
    }

    private void run(String object, long gen) {
        DataModel m = device.model();
        if (object.endsWith("DownloadDiagnostics.")) {
            HttpSpeedTest.Result r = HttpSpeedTest.download(m.value(object + "DownloadURL").orElse(""), rate.downMbps());
            finish(object, gen, transfer(r, true));
        } else if (object.endsWith("UploadDiagnostics.")) {
            long length = Long.parseLong(m.value(object + "TestFileLength").orElse("0"));
            HttpSpeedTest.Result r = HttpSpeedTest.upload(m.value(object + "UploadURL").orElse(""), length, rate.upMbps());
            finish(object, gen, transfer(r, false));
        } else if (object.endsWith("SelfTestDiagnostics.")) {
            sleep(300);
            // A unit in a failing scenario fails its own self-test; a healthy one passes.
            finish(object, gen, device.scenario() == Scenario.REBOOT_LOOP
                    ? Map.of(STATE, "Error_Internal", "Results", "FAIL: watchdog resets, memory test failed")
                    : Map.of(STATE, "Complete", "Results", "PASS: memory, flash, optics, switch, radios"));
        } else if (object.endsWith("IPPing.") || object.endsWith("IPPingDiagnostics.")) {
            finish(object, gen, ping(object, m));
        } else {
            trace(object, gen, m);
        }
    }

    /** Every figure the objects may have; {@link #finish} writes those the device's object has. */
    private Map<String, String> transfer(HttpSpeedTest.Result r, boolean download) {
        Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put(STATE, r.state());
        v.put("ROMTime", time(r.rom()));
        v.put("BOMTime", time(r.bom()));
        v.put("EOMTime", time(r.eom()));
        v.put("TCPOpenRequestTime", time(r.tcpOpenRequest()));
        v.put("TCPOpenResponseTime", time(r.tcpOpenResponse()));
        v.put(download ? "TestBytesReceived" : "TestBytesSent", Long.toString(r.testBytes()));
        v.put("TotalBytesReceived", Long.toString(r.totalReceived()));
        v.put("TotalBytesSent", Long.toString(r.totalSent()));
        v.put("IPAddressUsed", wanAddress());
        return v;
    }

    private Map<String, String> ping(String object, DataModel m) {
        SimulatedNetwork.Target t = SimulatedNetwork.resolve(m.value(object + "Host").orElse(""));
        if (t.address() == null) {
            return Map.of(STATE, "Error_CannotResolveHostName");
        }
        int reps = Integer.parseInt(m.value(object + "NumberOfRepetitions").orElse("1"));
        int timeout = Integer.parseInt(m.value(object + "Timeout").orElse("1000"));
        SplittableRandom r = random(t.host());
        List<Integer> answered = new ArrayList<>();
        long waited = 0;
        for (int i = 0; i < reps; i++) {
            int rtt = SimulatedNetwork.echo(t, r);
            waited += rtt < 0 ? timeout : rtt;
            if (rtt >= 0 && rtt <= timeout) {
                answered.add(rtt);
            }
        }
        sleep(waited);
        Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put(STATE, "Complete");
        v.put("SuccessCount", Integer.toString(answered.size()));
        v.put("FailureCount", Integer.toString(reps - answered.size()));
        int min = answered.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = answered.stream().mapToInt(Integer::intValue).max().orElse(0);
        double avg = answered.stream().mapToInt(Integer::intValue).average().orElse(0);
        v.put("AverageResponseTime", Long.toString(Math.round(avg)));
        v.put("MinimumResponseTime", Integer.toString(min));
        v.put("MaximumResponseTime", Integer.toString(max));
        if (object.startsWith("Device.")) {
            v.put("AverageResponseTimeDetailed", Long.toString(Math.round(avg * 1000)));
            v.put("MinimumResponseTimeDetailed", Integer.toString(min * 1000));
            v.put("MaximumResponseTimeDetailed", Integer.toString(max * 1000));
            v.put("IPAddressUsed", wanAddress());
        }
        return v;
    }

    private void trace(String object, long gen, DataModel m) {
        SimulatedNetwork.Target t = SimulatedNetwork.resolve(m.value(object + "Host").orElse(""));
        if (t.address() == null) {
            finish(object, gen, Map.of(STATE, "Error_CannotResolveHostName"));
            return;
        }
        int maxHops = Integer.parseInt(m.value(object + "MaxHopCount").orElse("30"));
        int tries = Integer.parseInt(m.value(object + "NumberOfTries").orElse("3"));
        int timeout = Integer.parseInt(m.value(object + "Timeout").orElse("5000"));
        List<SimulatedNetwork.Hop> hops = SimulatedNetwork.route(t, maxHops, tries, random(t.host()));
        sleep(hops.stream().mapToLong(h -> h.address() == null ? (long) timeout * tries
                : h.rtts().stream().mapToLong(Integer::longValue).sum()).sum());
        SimulatedNetwork.Hop last = hops.get(hops.size() - 1);
        boolean reached = t.address().equals(last.address());
        String prefix = object.startsWith("Device.") ? "" : "Hop";
        synchronized (this) {
            if (generation.getOrDefault(object, 0L) != gen) {
                return;
            }
            String table = object + "RouteHops.";
            for (String inst : m.instances(table)) {
                m.removeInstance(inst);
            }
            for (int i = 0; i < hops.size(); i++) {
                SimulatedNetwork.Hop h = hops.get(i);
                String inst = m.addInstance(table, i + 1);
                m.setInternal(inst + prefix + "Host", h.address() == null ? "" : h.host());
                m.setInternal(inst + prefix + "HostAddress", h.address() == null ? "" : h.address());
                m.setInternal(inst + prefix + "ErrorCode", "0");
                m.setInternal(inst + prefix + "RTTimes", h.rtts().stream().map(String::valueOf).collect(Collectors.joining(",")));
            }
        }
        Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put(STATE, reached ? "Complete" : "Error_MaxHopCountExceeded");
        v.put("ResponseTime", reached ? Long.toString(Math.round(last.rtts().stream().mapToInt(Integer::intValue)
                .average().orElse(0))) : "0");
        if (object.startsWith("Device.")) {
            v.put("IPAddressUsed", wanAddress());
        }
        finish(object, gen, v);
    }

    /** Writes the results unless the test was aborted or superseded meanwhile, then tells the ACS. */
    private void finish(String object, long gen, Map<String, String> values) {
        DataModel m = device.model();
        synchronized (this) {
            if (generation.getOrDefault(object, 0L) != gen || !m.value(object + STATE).orElse("").equals("Requested")) {
                return;
            }
            values.forEach((k, v) -> {
                if (!k.equals(STATE) && m.exists(object + k)) {
                    m.setInternal(object + k, v);
                }
            });
            m.setInternal(object + STATE, values.get(STATE));
        }
        LOG.debug("{} {} finished: {}", device.serialNumber(), object, values.get(STATE));
        device.addEvent(EventStruct.of(DIAGNOSTICS_COMPLETE));
        device.requestSession(true);
    }

    private String wanAddress() {
        return device.factory().wanAddress();
    }

    private SplittableRandom random(String host) {
        return new SplittableRandom(device.factory().seed() ^ host.hashCode() ^ counter.incrementAndGet());
    }

    private static String time(Instant t) {
        // TR-143 asks for microseconds; finer digits would only be noise.
        return t == null ? DiagnosticsTemplates.UNKNOWN_TIME : t.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
    }

    /** Simulated waits are real (the ACS sees a test take time) but bounded, so tests stay quick. */
    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.min(ms, MAX_SIMULATED_WAIT_MS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
