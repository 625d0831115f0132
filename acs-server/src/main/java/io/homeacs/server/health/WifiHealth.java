package io.homeacs.server.health;

import io.homeacs.server.device.ParameterDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Wi-Fi clients a device reported and how well they hear it. TR-181 gives each associated device's
 * SignalStrength (dBm) under its access point; TR-098 has no signal figure, only TotalAssociations, so
 * there the count is known and coverage is not judged.
 *
 * <p>A read merges values into the stored document, so clients that left stay in it: per access point
 * only the first AssociatedDeviceNumberOfEntries instances (by number) count, as firmware renumbers its
 * table from 1 on every read.
 */
final class WifiHealth {
    private static final String TR181_AP = "Device.WiFi.AccessPoint.";
    private static final Pattern TR181_SIGNAL = Pattern.compile("Device\\.WiFi\\.AccessPoint\\.(\\d+)\\.AssociatedDevice\\.(\\d+)"
        + "\\.SignalStrength");
    private static final Pattern TR181_AP_PARAM = Pattern.compile("Device\\.WiFi\\.AccessPoint\\.(\\d+)\\..*");
    private static final Pattern TR098_TOTAL = Pattern.compile("InternetGatewayDevice\\.LANDevice\\.\\d+\\.WLANConfiguration"
        + "\\.\\d+\\.TotalAssociations");

    private WifiHealth() {
    }

    /** The paths a fresh read needs for the client table: each access point's count and its clients. */
    static List<String> keyPaths(ParameterDocument doc) {
        List<String> paths = new ArrayList<>();
        for (String name : doc.subtree(TR181_AP).keySet()) {
            Matcher m = TR181_AP_PARAM.matcher(name);
            if (m.matches()) {
                String ap = TR181_AP + m.group(1) + ".";
                if (!paths.contains(ap + "AssociatedDevice.")) {
                    paths.add(ap + "AssociatedDeviceNumberOfEntries");
                    paths.add(ap + "AssociatedDevice.");
                }
            }
        }
        for (String name : doc.subtree("InternetGatewayDevice.LANDevice.").keySet()) {
            if (TR098_TOTAL.matcher(name).matches()) {
                paths.add(name);
            }
        }
        return paths;
    }

    /** Clients, weak clients and the weakest signal; interference is filled in from the radios. */
    static HealthSnapshot.Wifi clients(ParameterDocument doc, int weakSignalDbm, boolean interference) {
        Map<Integer, TreeMap<Integer, Integer>> byAp = new TreeMap<>();
        for (Map.Entry<String, ParameterDocument.Entry> e : doc.subtree(TR181_AP).entrySet()) {
            Matcher m = TR181_SIGNAL.matcher(e.getKey());
            Integer dbm = integer(e.getValue().value());
            if (m.matches() && dbm != null) {
                byAp.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), dbm);
            }
        }
        if (byAp.isEmpty()) {
            Integer total = tr098Total(doc);
            return total == null ? new HealthSnapshot.Wifi(null, null, null, interference, false)
                : new HealthSnapshot.Wifi(total, null, null, interference, false);
        }
        int clients = 0;
        int weak = 0;
        Integer weakest = null;
        for (Map.Entry<Integer, TreeMap<Integer, Integer>> ap : byAp.entrySet()) {
            ParameterDocument.Entry count = doc.get(TR181_AP + ap.getKey() + ".AssociatedDeviceNumberOfEntries");
            Integer n = count == null ? null : integer(count.value());
            int taken = 0;
            for (int dbm : ap.getValue().values()) {
                if (n != null && taken >= n) {
                    break;
                }
                taken++;
                clients++;
                if (dbm < weakSignalDbm) {
                    weak++;
                }
                weakest = weakest == null ? dbm : Math.min(weakest, dbm);
            }
        }
        return new HealthSnapshot.Wifi(clients, weak, weakest, interference, weak > 0);
    }

    private static Integer tr098Total(ParameterDocument doc) {
        Integer total = null;
        for (Map.Entry<String, ParameterDocument.Entry> e : doc.subtree("InternetGatewayDevice.LANDevice.").entrySet()) {
            Integer n = TR098_TOTAL.matcher(e.getKey()).matches() ? integer(e.getValue().value()) : null;
            if (n != null) {
                total = total == null ? n : total + n;
            }
        }
        return total;
    }

    static Integer integer(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
