package io.homeacs.sim.bench;

import io.homeacs.sim.usp.mtp.AgentTransport;
import io.homeacs.sim.usp.mtp.TransportConfig;
import io.homeacs.sim.usp.mtp.WebSocketTransport;
import io.homeacs.sim.usp.proto.UspMsg;
import io.homeacs.sim.usp.proto.UspMsg.Header.MsgType;
import io.homeacs.sim.usp.proto.UspRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The USP controller under many idle WebSocket agents: connects N lean agents (each answers the
 * controller's Gets from a small fixed DeviceInfo and accepts its subscriptions), waits until every
 * one is onboarded, measures the ACS's heap per idle agent (jcmd GC.run + GC.heap_info on the ACS's
 * pid, before and after), then drives Get round trips through the REST task API from many client
 * threads at once (see {@link GetRoundTrips}). Usage (ACS started separately with a fresh data directory,
 * so that the agents are devices 1..N):
 * {@code UspBench <ws-url> <api-url> <token-file> <acs-pid> <agents> [client-threads] [seconds]}.
 */
public final class UspBench {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    static final AtomicLong GETS = new AtomicLong();

    private UspBench() {
    }

    public static void main(String[] args) throws Exception {
        URI ws = URI.create(args[0]);
        String api = args[1];
        String token = Files.readString(Path.of(args[2])).trim();
        long pid = Long.parseLong(args[3]);
        int n = Integer.parseInt(args[4]);
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 32;
        int seconds = args.length > 6 ? Integer.parseInt(args[6]) : 60;

        long before = heapKb(pid);
        System.out.printf("ACS heap before: %,d KB%n", before);
        List<AgentTransport> agents = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            String serial = String.format("BENCH%07d", i);
            String eid = "os::00B0B0-" + serial;
            AgentTransport t = new WebSocketTransport(new TransportConfig(ws, eid, "proto::acs-controller"));
            t.connect(bytes -> answer(t, eid, serial, bytes), () -> { });
            t.send(UspRecord.Record.newBuilder().setVersion("1.3").setFromId(eid).setToId("proto::acs-controller")
                    .setWebsocketConnect(UspRecord.WebSocketConnectRecord.getDefaultInstance()).build().toByteArray());
            agents.add(t);
            if (i % 1000 == 0) {
                System.out.printf("%,d agents connected%n", i);
            }
        }
        // Each agent is read twice on onboarding: its DeviceInfo, then the full read a first contact queues.
        while (GETS.get() < 2L * n) {
            Thread.sleep(500);
        }
        System.out.printf("%,d agents onboarded in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        Thread.sleep(5000);
        long after = heapKb(pid);
        System.out.printf("ACS heap after: %,d KB; per idle agent: %.1f KB%n", after, (after - before) / (double) n);

        GetRoundTrips.Result r = GetRoundTrips.measure(api, token, n, threads, seconds);
        System.out.printf("Get round trips through POST /devices/{id}/tasks (waitSeconds 60), %d client threads, "
                + "%d s window: %,d done, %d not done, %.0f/s; agents answered %,d Gets in the window%n", threads,
                seconds, r.done(), r.failed(), r.done() / r.seconds(), GETS.get() - r.agentGetsBefore());
        System.out.println("latency, client (POST sent -> answer with state done): " + r.client());
        System.out.println("latency, server (task createdAt -> updatedAt at done): " + r.server());
        for (AgentTransport t : agents) {
            t.close();
        }
        System.exit(0);
    }

    private static void answer(AgentTransport t, String eid, String serial, byte[] bytes) {
        try {
            UspRecord.Record r = UspRecord.Record.parseFrom(bytes);
            UspMsg.Msg m = UspMsg.Msg.parseFrom(r.getNoSessionContext().getPayload());
            if (!m.getBody().hasRequest()) {
                return;
            }
            UspMsg.Request req = m.getBody().getRequest();
            UspMsg.Response.Builder resp = UspMsg.Response.newBuilder();
            MsgType type;
            if (req.hasGet()) {
                UspMsg.GetResp.Builder g = UspMsg.GetResp.newBuilder();
                for (String p : req.getGet().getParamPathsList()) {
                    g.addReqPathResults(UspMsg.GetResp.RequestedPathResult.newBuilder().setRequestedPath(p)
                            .addResolvedPathResults(UspMsg.GetResp.ResolvedPathResult.newBuilder()
                                    .setResolvedPath("Device.DeviceInfo.").putAllResultParams(Map.of(
                                            "Manufacturer", "BenchCo", "ManufacturerOUI", "00B0B0", "ProductClass", "BENCH",
                                            "SerialNumber", serial, "ModelName", "Bench-1", "SoftwareVersion", "1.0.0"))));
                }
                resp.setGetResp(g);
                type = MsgType.GET_RESP;
                GETS.incrementAndGet();
            } else if (req.hasAdd()) {
                UspMsg.AddResp.Builder a = UspMsg.AddResp.newBuilder();
                int i = 1;
                for (UspMsg.Add.CreateObject c : req.getAdd().getCreateObjsList()) {
                    a.addCreatedObjResults(UspMsg.AddResp.CreatedObjectResult.newBuilder().setRequestedPath(c.getObjPath())
                            .setOperStatus(UspMsg.AddResp.CreatedObjectResult.OperationStatus.newBuilder().setOperSuccess(
                                    UspMsg.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess.newBuilder()
                                            .setInstantiatedPath(c.getObjPath() + i++ + "."))));
                }
                resp.setAddResp(a);
                type = MsgType.ADD_RESP;
            } else {
                return;
            }
            UspMsg.Msg out = UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder()
                    .setMsgId(m.getHeader().getMsgId()).setMsgType(type))
                    .setBody(UspMsg.Body.newBuilder().setResponse(resp)).build();
            t.send(UspRecord.Record.newBuilder().setVersion("1.3").setFromId(eid).setToId(r.getFromId())
                    .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(out.toByteString()))
                    .build().toByteArray());
        } catch (IOException e) {
            // A lost connection shows as a bench that does not finish.
        }
    }

    /** Live heap of the ACS after a full GC, from jcmd. */
    private static long heapKb(long pid) throws IOException, InterruptedException {
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure in: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
