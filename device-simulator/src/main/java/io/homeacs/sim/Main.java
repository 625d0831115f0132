package io.homeacs.sim;

import io.homeacs.sim.bench.Bench;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point: {@code run} keeps a fleet alive, {@code bench} measures ACS session throughput. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        CliOptions o;
        try {
            o = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Try --help for usage.");
            System.exit(2);
            return;
        }
        switch (o.command) {
            case HELP -> System.out.print(CliOptions.USAGE);
            case RUN -> {
                if (o.usp != null) {
                    runUsp(o);
                } else {
                    run(o.config);
                }
            }
            case BENCH -> System.exit(bench(o));
        }
    }

    private static void run(SimulatorConfig config) {
        Fleet fleet = Fleet.start(config);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stop.countDown();
        }, "shutdown"));
        StatusLine status = new StatusLine(fleet);
        try {
            String lastErrors = "";
            while (!stop.await(10, TimeUnit.SECONDS)) {
                LOG.info(status.line());
                String errors = status.errorSummary();
                if (!errors.isEmpty() && !errors.equals(lastErrors)) {
                    LOG.info("last errors: {}", errors);
                }
                lastErrors = errors;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runUsp(CliOptions o) {
        UspFleet fleet;
        try {
            fleet = UspFleet.start(o.config, o.usp);
        } catch (java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stop.countDown();
        }, "shutdown"));
        try {
            while (!stop.await(10, TimeUnit.SECONDS)) {
                LOG.info("USP agents: {} of {} connected", fleet.connected(), fleet.agents().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printErrors(StatusLine status) {
        String errors = status.errorSummary();
        if (!errors.isEmpty()) {
            System.out.println("bench: last errors: " + errors);
        }
    }

    private static int bench(CliOptions o) {
        SimulatorConfig c = o.config;
        Fleet fleet = Fleet.start(c);
        Bench.Result result;
        StatusLine status = new StatusLine(fleet);
        try {
            Duration bootTimeout = Duration.ofSeconds(Math.max(60, c.devices() / 50));
            long t0 = System.nanoTime();
            boolean all = fleet.awaitAllBooted(bootTimeout);
            System.out.printf("bench: %s in %d ms (%s)%n", all ? "all devices booted" : "boot incomplete",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), status.line());
            printErrors(status);
            result = Bench.run(fleet.sessionDriver(), o.bench, System.out);
            System.out.println("bench: " + status.line());
            printErrors(status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            fleet.close();
        }
        System.out.printf("bench: %d sessions in %d s, %d errors%n", result.sessions(), o.bench.durationSeconds(),
                result.errors());
        System.out.println(result.line());
        System.out.flush();
        return 0;
    }
}
