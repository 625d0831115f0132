package io.homeacs.server.config;

/**
 * One configuration key. The same key is reachable three ways so operators can pick whatever
 * their deployment tooling prefers: {@code cwmp.port} in the config file, {@code ACS_CWMP_PORT}
 * in the environment and {@code --cwmp-port} on the command line.
 */
public record Setting(String key, String defaultValue, String description) {

    public String envName() {
        return "ACS_" + key.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    public String flag() {
        return "--" + key.replace('.', '-');
    }
}
