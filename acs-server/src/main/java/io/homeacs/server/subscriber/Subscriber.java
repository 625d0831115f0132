package io.homeacs.server.subscriber;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A subscriber: the account, where the line is, the plans bought, and the subscriber's own service
 * settings (secrets in them stay sealed here; only provisioning opens them to push to a device).
 */
public record Subscriber(long id, String account, String name, String address, String phone, AccountType accountType,
                         Map<String, String> settings, Set<ServiceKind> suspended, List<ServicePlan> plans,
                         Instant createdAt, Instant updatedAt) {

    /** Enterprise ("group customer") accounts have a 48-hour repair commitment instead of 24. */
    public enum AccountType {
        RESIDENTIAL, ENTERPRISE;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static AccountType parse(String text) {
            for (AccountType t : values()) {
                if (t.apiName().equals(text)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("accountType must be residential or enterprise");
        }
    }

    public Subscriber {
        settings = Map.copyOf(settings);
        suspended = suspended.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(suspended));
        plans = List.copyOf(plans);
    }

    /** Every service of every plan the subscriber has. */
    public Set<ServiceKind> services() {
        Set<ServiceKind> s = EnumSet.noneOf(ServiceKind.class);
        plans.forEach(p -> s.addAll(p.services()));
        return s;
    }

    /** The subscriber's own value, else the first plan default, else null. */
    public String setting(String key) {
        String own = settings.get(key);
        if (own != null) {
            return own;
        }
        for (ServicePlan p : plans) {
            if (p.defaults().containsKey(key)) {
                return p.defaults().get(key);
            }
        }
        return null;
    }

    public ServicePlan broadbandPlan() {
        return plans.stream().filter(p -> p.downMbps() != null).findFirst().orElse(null);
    }
}
