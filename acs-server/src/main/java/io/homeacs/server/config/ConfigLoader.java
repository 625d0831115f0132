package io.homeacs.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves settings with the precedence defaults &lt; config file &lt; environment &lt; flags, rejects
 * unknown keys (a typo must not silently fall back to a default) and freezes the result.
 */
public final class ConfigLoader {

    private final Map<String, Setting> known = Settings.byKey();

    public AcsConfig load(List<String> args, Map<String, String> env) {
        Map<String, String> flags = parseFlags(args);
        Map<String, String> fromEnv = new HashMap<>();
        for (Setting s : known.values()) {
            String v = env.get(s.envName());
            if (v != null) {
                fromEnv.put(s.key(), v);
            }
        }
        Map<String, String> values = new HashMap<>();
        known.values().forEach(s -> values.put(s.key(), s.defaultValue()));
        String dataDir = firstNonNull(flags.get("data-dir"), fromEnv.get("data-dir"), values.get("data-dir"));
        String configPath = firstNonNull(flags.get("config"), fromEnv.get("config"), "");
        Path file = configPath.isEmpty() ? Path.of(dataDir, "acs.properties") : Path.of(configPath);
        if (!configPath.isEmpty() && !Files.isRegularFile(file)) {
            throw new ConfigException("config file not found: " + file);
        }
        if (Files.isRegularFile(file)) {
            values.putAll(readFile(file));
        }
        values.putAll(fromEnv);
        values.putAll(flags);
        return AcsConfig.from(new SettingValues(values));
    }

    private Map<String, String> parseFlags(List<String> args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + arg + "' (settings are given as --key value)");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new ConfigException("flag --" + name + " needs a value");
            }
            flags.put(keyForFlag(name), value);
        }
        return flags;
    }

    private String keyForFlag(String flagName) {
        for (Setting s : known.values()) {
            if (s.flag().equals("--" + flagName)) {
                return s.key();
            }
        }
        throw new ConfigException("unknown flag --" + flagName + " (see --help)");
    }

    private Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (!known.containsKey(name)) {
                throw new ConfigException("unknown setting '" + name + "' in " + file);
            }
            out.put(name, p.getProperty(name).trim());
        }
        return out;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public static String usage() {
        StringBuilder sb = new StringBuilder("Usage: java -jar acs-server.jar [--setting value ...]\n\nSettings (flag / environment variable, default):\n");
        for (Setting s : Settings.ALL) {
            sb.append(String.format("  %-34s %-36s %s%n      %s%n", s.flag(), s.envName(),
                s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue(), s.description()));
        }
        return sb.toString();
    }
}
