package io.homeacs.sim;

import io.homeacs.sim.bench.Bench;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command-line parsing; every problem is a {@link UsageException} (exit code 2). */
final class CliOptions {
    static final String USAGE = """
            Usage:
              java -jar device-simulator.jar [run] --acs-url URL [options]
              java -jar device-simulator.jar bench --acs-url URL --devices N [--duration 30] [--warmup 5] [--concurrency 64] [options]
              java -jar device-simulator.jar run --protocol usp --mtp websocket --usp-url ws://HOST:8081/usp [options]

            Options:
              --acs-url URL             ACS endpoint (required for CWMP)
              --protocol cwmp|usp       what the devices speak (default cwmp); usp devices are TR-181 agents
              --mtp NAME                USP message transfer protocol: websocket, mqtt, stomp or coap (default websocket)
              --usp-url URL             the controller's MTP address, e.g. ws://127.0.0.1:8081/usp (required for usp)
              --controller-id ID        the controller's EndpointID (default proto::acs-controller)
              --devices N               number of simulated CPEs (default 1)
              --kind ont|mesh|stb|mixed device kind (default mixed)
              --acs-username NAME       bootstrap ManagementServer.Username (default bootstrap)
              --acs-password PASS       bootstrap ManagementServer.Password (default bootstrap)
              --inform-interval SECONDS PeriodicInformInterval (default 300; bench default 86400)
              --cr-host HOST            connection-request listener address (default 127.0.0.1)
              --cr-port PORT            connection-request HTTP port, 0 = any free port (default 0)
              --udp-cr true|false       UDP connection requests, TR-069 Annex G (default false)
              --cr-reachable true|false advertise a reachable ConnectionRequestURL (default true)
              --serial-prefix PREFIX    serial number prefix (default SIM)
              --tr098-share FRACTION    share of ONTs using the TR-098 root (default 0.25)
              --retry-min-wait SECONDS  CWMPRetryMinimumWaitInterval (default 5)
              --seed N                  seed for deterministic device data (default 1)
              --loid-pattern PATTERN    ONT registration ID (LOID); {serial} and {index} are replaced
                                        (default L{serial}, at most 24 characters)
              --line-down-mbps RATE     simulated line rate a download speed test is shaped to (default 500, 0 = unshaped)
              --line-up-mbps RATE       simulated line rate an upload speed test is shaped to (default 100, 0 = unshaped)
              --help                    print this help
            """;

    private static final Set<String> COMMON = Set.of("acs-url", "devices", "kind", "acs-username", "acs-password",
            "inform-interval", "cr-host", "cr-port", "udp-cr", "cr-reachable", "serial-prefix", "tr098-share", "seed",
            "retry-min-wait", "loid-pattern", "line-down-mbps", "line-up-mbps", "protocol", "mtp", "usp-url",
            "controller-id");
    private static final Set<String> BENCH_ONLY = Set.of("duration", "warmup", "concurrency");

    /** A command-line error. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    enum Command { RUN, BENCH, HELP }

    final Command command;
    final SimulatorConfig config;
    final Bench.Options bench;
    /** Null for a CWMP fleet. */
    final UspFleet.Options usp;

    private CliOptions(Command command, SimulatorConfig config, Bench.Options bench) {
        this(command, config, bench, null);
    }

    private CliOptions(Command command, SimulatorConfig config, Bench.Options bench, UspFleet.Options usp) {
        this.command = command;
        this.config = config;
        this.bench = bench;
        this.usp = usp;
    }

    static CliOptions parse(String[] args) throws UsageException {
        int i = 0;
        Command cmd = Command.RUN;
        if (args.length > 0 && !args[0].startsWith("--")) {
            cmd = switch (args[0]) {
                case "run" -> Command.RUN;
                case "bench" -> Command.BENCH;
                case "help" -> Command.HELP;
                default -> throw new UsageException("Unknown command '" + args[0] + "' (expected run or bench)");
            };
            i = 1;
        }
        Map<String, String> opts = new HashMap<>();
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return new CliOptions(Command.HELP, null, null);
            }
            if (!a.startsWith("--")) {
                throw new UsageException("Unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("Option --" + name + " needs a value");
            }
            if (!COMMON.contains(name) && !(cmd == Command.BENCH && BENCH_ONLY.contains(name))) {
                throw new UsageException("Unknown option --" + name + (BENCH_ONLY.contains(name) ? " (bench only)" : ""));
            }
            if (opts.put(name, value) != null) {
                throw new UsageException("Option --" + name + " given twice");
            }
        }
        if (cmd == Command.HELP) {
            return new CliOptions(cmd, null, null);
        }
        return build(cmd, opts);
    }

    private static CliOptions build(Command cmd, Map<String, String> o) throws UsageException {
        UspFleet.Options usp = usp(cmd, o);
        if (usp != null && !o.containsKey("acs-url")) {
            // A USP agent has no ACS URL; its TR-181 ManagementServer.URL names the controller's host.
            o.put("acs-url", "http://" + usp.controllerUrl().getHost() + "/");
        }
        String url = o.get("acs-url");
        if (url == null) {
            throw new UsageException("--acs-url is required");
        }
        URI acs;
        try {
            acs = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid --acs-url: " + e.getMessage());
        }
        if (acs.getHost() == null) {
            throw new UsageException("Invalid --acs-url '" + url + "': no host");
        }
        if (cmd == Command.BENCH && !o.containsKey("devices")) {
            throw new UsageException("bench needs --devices N");
        }
        SimulatorConfig c;
        try {
            c = new SimulatorConfig(acs, intOpt(o, "devices", 1, 1, 1_000_000), kind(o.getOrDefault("kind", "mixed")),
                    o.getOrDefault("acs-username", "bootstrap"), o.getOrDefault("acs-password", "bootstrap"),
                    intOpt(o, "inform-interval", cmd == Command.BENCH ? 86_400 : 300, 1, Integer.MAX_VALUE),
                    o.getOrDefault("cr-host", "127.0.0.1"), intOpt(o, "cr-port", 0, 0, 65535),
                    bool(o, "udp-cr", false), bool(o, "cr-reachable", true), o.getOrDefault("serial-prefix", "SIM"),
                    doubleOpt(o, "tr098-share", 0.25), longOpt(o, "seed", 1), intOpt(o, "retry-min-wait", 5, 1, 65535),
                    o.getOrDefault("loid-pattern", SimulatorConfig.DEFAULT_LOID_PATTERN),
                    new LineRate(doubleOpt(o, "line-down-mbps", LineRate.DEFAULT.downMbps()),
                            doubleOpt(o, "line-up-mbps", LineRate.DEFAULT.upMbps())));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Bench.Options b = new Bench.Options(intOpt(o, "duration", 30, 1, 86_400), intOpt(o, "warmup", 5, 0, 3600),
                intOpt(o, "concurrency", 64, 1, 100_000));
        return new CliOptions(cmd, c, b, usp);
    }

    private static UspFleet.Options usp(Command cmd, Map<String, String> o) throws UsageException {
        String protocol = o.getOrDefault("protocol", "cwmp").strip().toLowerCase(Locale.ROOT);
        if (protocol.equals("cwmp")) {
            for (String k : new String[] {"mtp", "usp-url", "controller-id"}) {
                if (o.containsKey(k)) {
                    throw new UsageException("--" + k + " needs --protocol usp");
                }
            }
            return null;
        }
        if (!protocol.equals("usp")) {
            throw new UsageException("--protocol must be cwmp or usp, not '" + protocol + "'");
        }
        if (cmd == Command.BENCH) {
            throw new UsageException("bench measures CWMP sessions; USP agents run with 'run'");
        }
        String mtp = o.getOrDefault("mtp", "websocket").strip().toLowerCase(Locale.ROOT);
        if (!io.homeacs.sim.usp.mtp.Transports.NAMES.contains(mtp)) {
            throw new UsageException("--mtp must be websocket, mqtt, stomp or coap, not '" + mtp + "'");
        }
        if (!io.homeacs.sim.usp.mtp.Transports.available(mtp)) {
            throw new UsageException("the " + mtp + " transport is not in this build of the simulator");
        }
        String url = o.get("usp-url");
        if (url == null) {
            throw new UsageException("--protocol usp needs --usp-url (e.g. ws://127.0.0.1:8081/usp)");
        }
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid --usp-url: " + e.getMessage());
        }
        if (u.getHost() == null || u.getScheme() == null) {
            throw new UsageException("Invalid --usp-url '" + url + "': no scheme or host");
        }
        return new UspFleet.Options(u, o.getOrDefault("controller-id", "proto::acs-controller"), mtp);
    }

    private static DeviceKind kind(String s) throws UsageException {
        try {
            return DeviceKind.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--kind must be ont, mesh, stb or mixed, not '" + s + "'");
        }
    }

    private static int intOpt(Map<String, String> o, String name, int def, int min, int max) throws UsageException {
        long v = longOpt(o, name, def);
        if (v < min || v > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max);
        }
        return (int) v;
    }

    private static long longOpt(Map<String, String> o, String name, long def) throws UsageException {
        String v = o.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, not '" + v + "'");
        }
    }

    private static double doubleOpt(Map<String, String> o, String name, double def) throws UsageException {
        String v = o.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, not '" + v + "'");
        }
    }

    private static boolean bool(Map<String, String> o, String name, boolean def) throws UsageException {
        String v = o.get(name);
        if (v == null) {
            return def;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new UsageException("--" + name + " must be true or false, not '" + v + "'");
        };
    }
}
