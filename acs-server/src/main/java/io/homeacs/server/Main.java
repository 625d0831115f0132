package io.homeacs.server;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.ConfigException;
import io.homeacs.server.config.ConfigLoader;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar acs-server.jar [--setting value ...]}; {@code --help} lists every setting. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        if (argList.contains("--help") || argList.contains("-h")) {
            System.out.print(ConfigLoader.usage());
            return;
        }
        AcsConfig config;
        try {
            config = new ConfigLoader().load(argList, System.getenv());
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        AcsServer server = AcsServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "acs-shutdown"));
        Thread.currentThread().join();
    }
}
