package io.homeacs.server.device;

import io.homeacs.server.store.Database;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of devices. Keeps a small in-memory snapshot per device so that a check-in that
 * changes nothing is decided without reading the database, and writes only what changed.
 * Writes to one device are serialised on a striped lock ({@link #lockFor}).
 */
public final class DeviceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);
    private final Database db;
    private final DeviceRepository repository;
    private final DeviceSearch searches;
    private final LastContactBatcher lastContacts;
    private final ConcurrentHashMap<String, Snapshot> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> keyById = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[1024];
    private final List<java.util.function.Consumer<Device>> registrationListeners =
        new CopyOnWriteArrayList<>();
    private final List<CheckInListener> checkInListeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> tagListeners = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Function<Device, Boolean> presence = d -> null;

    /** The hot columns plus the values the device last reported in its Inform. */
    private record Snapshot(Device device, Map<String, String> informValues) {
    }

    /** Result of a check-in: the device as now registered and whether this was its first contact. */
    public record CheckIn(Device device, boolean firstContact) {
    }

    public DeviceRegistry(Database db) {
        this.db = db;
        this.repository = new DeviceRepository(db);
        this.searches = new DeviceSearch(db);
        this.lastContacts = new LastContactBatcher(repository);
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * The lock that serialises everything touching one device's row and snapshot; the CWMP session
     * layer also holds it while it opens a session, so two Informs from one device cannot interleave.
     */
    public Object lockFor(String deviceKey) {
        return stripes[Math.floorMod(deviceKey.hashCode(), stripes.length)];
    }

    public CheckIn checkIn(InformFacts facts, Instant now) {
        synchronized (lockFor(facts.identity().key())) {
            return checkInLocked(facts, now);
        }
    }

    private CheckIn checkInLocked(InformFacts facts, Instant now) {
        String key = facts.identity().key();
        Snapshot snap = byKey.get(key);
        if (snap == null) {
            Optional<Device> stored = repository.findByKey(key);
            if (stored.isEmpty()) {
                return register(facts, now);
            }
            snap = new Snapshot(stored.get(), Map.of());
        }
        Device old = snap.device();
        Device updated = applyInform(old, facts, now);
        Map<String, String> values = valuesOf(facts.parameters());
        boolean paramsChanged = !values.equals(snap.informValues());
        boolean eventsWorthKeeping = notable(facts);
        if (sameExceptContact(old, updated) && !paramsChanged && !eventsWorthKeeping) {
            lastContacts.touch(old.id(), now);
        } else {
            db.inTransaction(c -> {
                repository.update(c, updated);
                if (paramsChanged) {
                    ParameterDocument doc = repository.loadParams(c, old.id(), true);
                    if (doc.merge(facts.parameters(), now)) {
                        repository.saveParams(c, old.id(), doc, now);
                    }
                }
                if (eventsWorthKeeping) {
                    repository.insertEvents(c, old.id(), now, facts.events());
                }
                return null;
            });
        }
        cache(new Snapshot(updated, values));
        return new CheckIn(updated, false);
    }

    private CheckIn register(InformFacts facts, Instant now) {
        DataModel model = dataModelOf(facts.parameters());
        List<String> names = facts.parameters().stream().map(ParamValue::name).toList();
        Device draft = new Device(0, facts.identity().key(), facts.identity(), facts.manufacturer(),
            null, null, null, KindInference.fromNames(model, names), false, model, facts.protocol(),
            facts.protocolVersion(), now, now, null, null, null, null, null, null, facts.endpointId());
        Device fresh = applyInform(draft, facts, now);
        ParameterDocument doc = ParameterDocument.empty();
        doc.merge(facts.parameters(), now);
        long id = db.inTransaction(c -> {
            long newId = repository.insert(c, fresh, doc.toJson());
            repository.insertEvents(c, newId, now, facts.events());
            return newId;
        });
        Device stored = fresh.withId(id);
        cache(new Snapshot(stored, valuesOf(facts.parameters())));
        for (java.util.function.Consumer<Device> l : registrationListeners) {
            l.accept(stored);
        }
        return new CheckIn(stored, true);
    }

    private static Device applyInform(Device d, InformFacts f, Instant now) {
        String root = d.dataModel().root();
        Map<String, String> v = valuesOf(f.parameters());
        boolean boot = f.has(DeviceEvent.BOOT) || f.has(DeviceEvent.BOOTSTRAP);
        return new Device(d.id(), d.key(), d.identity(), nonEmpty(f.manufacturer(), d.manufacturer()),
            nonEmpty(v.get(root + "DeviceInfo.ModelName"), d.modelName()),
            nonEmpty(v.get(root + "DeviceInfo.HardwareVersion"), d.hardwareVersion()),
            nonEmpty(v.get(root + "DeviceInfo.SoftwareVersion"), d.softwareVersion()),
            d.kind(), d.kindOverridden(), d.dataModel(), f.protocol(), f.protocolVersion(), d.firstContact(), now,
            boot ? now : d.lastBoot(), eventsText(f, d.lastEvents()), nonEmpty(f.remoteIp(), d.ipAddress()),
            v.getOrDefault(root + "ManagementServer.ConnectionRequestURL", d.connectionRequestUrl()),
            v.getOrDefault(root + "ManagementServer.UDPConnectionRequestAddress", d.udpConnectionRequestAddress()),
            v.getOrDefault(root + "ManagementServer.ParameterKey", d.parameterKey()), nonEmpty(f.endpointId(), d.uspEndpointId()));
    }

    private static boolean sameExceptContact(Device a, Device b) {
        return Objects.equals(a.manufacturer(), b.manufacturer()) && Objects.equals(a.modelName(), b.modelName())
            && Objects.equals(a.hardwareVersion(), b.hardwareVersion())
            && Objects.equals(a.softwareVersion(), b.softwareVersion())
            && Objects.equals(a.protocolVersion(), b.protocolVersion()) && Objects.equals(a.lastBoot(), b.lastBoot())
            && Objects.equals(a.lastEvents(), b.lastEvents()) && Objects.equals(a.ipAddress(), b.ipAddress())
            && Objects.equals(a.connectionRequestUrl(), b.connectionRequestUrl())
            && Objects.equals(a.udpConnectionRequestAddress(), b.udpConnectionRequestAddress())
            && Objects.equals(a.parameterKey(), b.parameterKey())
            && Objects.equals(a.protocol(), b.protocol()) && Objects.equals(a.uspEndpointId(), b.uspEndpointId());
    }

    /** Periodic-only and empty event lists are not history worth a row. */
    private static boolean notable(InformFacts f) {
        for (DeviceEvent e : f.events()) {
            if (!e.code().equals(DeviceEvent.PERIODIC)) {
                return true;
            }
        }
        return false;
    }

    private static String eventsText(InformFacts f, String previous) {
        if (!notable(f)) {
            return previous;
        }
        StringBuilder sb = new StringBuilder();
        for (DeviceEvent e : f.events()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.code());
        }
        return DeviceRepository.truncate(sb.toString(), 512);
    }

    /** Stores values learned from a device (GetParameterValues results) and re-infers its kind. */
    public void learn(long deviceId, List<ParamValue> values, Instant now) {
        if (values.isEmpty()) {
            return;
        }
        Device found = find(deviceId).orElseThrow();
        synchronized (lockFor(found.key())) {
            learnLocked(find(deviceId).orElseThrow(), values, now);
        }
    }

    private void learnLocked(Device current, List<ParamValue> values, Instant now) {
        long deviceId = current.id();
        Device updated = db.inTransaction(c -> {
            ParameterDocument doc = repository.loadParams(c, deviceId, true);
            boolean changed = doc.merge(values, now);
            if (changed) {
                repository.saveParams(c, deviceId, doc, now);
            }
            Device d = reinfer(current, doc);
            if (d != current) {
                repository.update(c, d);
            }
            return d;
        });
        refreshCache(updated);
    }

    private static Device reinfer(Device d, ParameterDocument doc) {
        String root = d.dataModel().root();
        DeviceKind kind = d.kindOverridden() ? d.kind() : KindInference.fromParameterDocument(d.dataModel(), doc);
        ParameterDocument.Entry model = doc.get(root + "DeviceInfo.ModelName");
        String modelName = model == null ? d.modelName() : nonEmpty(model.value(), d.modelName());
        if (kind == d.kind() && Objects.equals(modelName, d.modelName())) {
            return d;
        }
        return d.withKindAndModel(kind, d.kindOverridden(), modelName);
    }

    /** Drops an object instance and its parameters after the device deleted it. */
    public void forgetObject(long deviceId, String objectPath, Instant now) {
        db.inTransaction(c -> {
            ParameterDocument doc = repository.loadParams(c, deviceId, true);
            if (doc.removeSubtree(objectPath)) {
                repository.saveParams(c, deviceId, doc, now);
            }
            return null;
        });
    }

    /** An operator's statement of what the device is, which inference will no longer change. */
    public Device overrideKind(long deviceId, DeviceKind kind) {
        synchronized (lockFor(find(deviceId).orElseThrow().key())) {
            Device d = find(deviceId).orElseThrow();
            Device updated = d.withKindAndModel(kind, true, d.modelName());
            db.inTransaction(c -> {
                repository.update(c, updated);
                return null;
            });
            refreshCache(updated);
            return updated;
        }
    }

    /** Hands the kind back to inference from the data model. */
    public Device clearKindOverride(long deviceId) {
        synchronized (lockFor(find(deviceId).orElseThrow().key())) {
            Device d = find(deviceId).orElseThrow();
            Device updated = db.inTransaction(c -> {
                ParameterDocument doc = repository.loadParams(c, deviceId, false);
                Device x = d.withKindAndModel(KindInference.fromParameterDocument(d.dataModel(), doc), false, d.modelName());
                repository.update(c, x);
                return x;
            });
            refreshCache(updated);
            return updated;
        }
    }

    public Optional<Device> find(long id) {
        String key = keyById.get(id);
        if (key != null) {
            Snapshot s = byKey.get(key);
            if (s != null) {
                return Optional.of(s.device());
            }
        }
        return repository.findById(id);
    }

    public Optional<Device> findByKey(String key) {
        Snapshot s = byKey.get(key);
        return s != null ? Optional.of(s.device()) : repository.findByKey(key);
    }

    /** The device a USP agent speaks for, by its EndpointID. */
    public Optional<Device> findByEndpointId(String endpointId) {
        return repository.findByEndpointId(endpointId);
    }

    /**
     * Devices that hold a connection to the ACS (USP agents over an MTP) are online exactly while it is
     * up; the protocol adapter says so here. Null from the presence means: judge by the last contact.
     */
    public void presence(java.util.function.Function<Device, Boolean> connected) {
        this.presence = connected;
    }

    /** Online: connected (when the device's protocol keeps a connection), else heard from since the cutoff. */
    public boolean online(Device d, Instant cutoff) {
        Boolean connected = presence.apply(d);
        if (connected != null) {
            return connected;
        }
        return d.lastContact() != null && d.lastContact().isAfter(cutoff);
    }

    /** Marks the device as heard from now without a check-in (a USP agent whose connection is up). */
    public void touch(long deviceId, Instant now) {
        lastContacts.touch(deviceId, now);
    }

    public ParameterDocument parameters(long deviceId) {
        return db.withConnection(c -> repository.loadParams(c, deviceId, false));
    }

    public List<Device> search(DeviceQuery q) {
        return searches.page(q).devices();
    }

    /** A page plus the keyset position of the next one; read from the store, not the snapshot cache. */
    public DevicePage page(DeviceQuery q) {
        return searches.page(q);
    }

    public long count(DeviceQuery q) {
        return searches.count(q, 0).value();
    }

    /** Matches of the search's filters, counted no further than {@code cap} (0: exact). */
    public MatchCount count(DeviceQuery q, long cap) {
        return searches.count(q, cap);
    }

    /** Told about every device registered for the first time, after its row is written. */
    public void onRegistered(java.util.function.Consumer<Device> listener) {
        registrationListeners.add(listener);
    }

    public void onCheckIn(CheckInListener listener) {
        checkInListeners.add(listener);
    }

    /**
     * Called by the protocol adapter once a check-in is complete (earlier tasks settled, onboarding
     * queued). A failing listener is logged and does not fail the device's session.
     */
    public void checkedIn(CheckIn checkIn, InformFacts facts, Instant now) {
        for (CheckInListener l : checkInListeners) {
            try {
                l.checkedIn(checkIn.device(), facts, checkIn.firstContact(), now);
            } catch (RuntimeException e) {
                LOG.warn("check-in listener failed for device {}", checkIn.device().key(), e);
            }
        }
    }

    /** Called by the protocol adapter when it refuses a known device's unauthorised 0 BOOTSTRAP. */
    public void rebootstrapRefused(Device device, InformFacts facts, Instant now) {
        for (CheckInListener l : checkInListeners) {
            try {
                l.rebootstrapRefused(device, facts, now);
            } catch (RuntimeException e) {
                LOG.warn("check-in listener failed for refused device {}", device.key(), e);
            }
        }
    }

    /** Tags are 1-64 characters of letters, digits and . _ : - so they stay safe in URLs, CSV and queries. */
    public static String checkTag(String tag) {
        if (tag == null || !tag.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("tags are 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        return tag;
    }

    public void addTag(long deviceId, String tag) {
        repository.addTag(deviceId, checkTag(tag));
        tagListeners.forEach(l -> l.accept(deviceId));
    }

    public boolean removeTag(long deviceId, String tag) {
        boolean removed = repository.removeTag(deviceId, checkTag(tag));
        tagListeners.forEach(l -> l.accept(deviceId));
        return removed;
    }

    /** Told the id of a device whose tags were changed, so caches of tags can be dropped. */
    public void onTagsChanged(java.util.function.LongConsumer listener) {
        tagListeners.add(listener);
    }

    public Map<Long, List<String>> tagsOf(java.util.Collection<Long> deviceIds) {
        return repository.tagsOf(deviceIds);
    }

    public List<StoredEvent> events(long deviceId, int limit) {
        return repository.events(deviceId, limit);
    }

    /** Adds events that arrive outside an Inform (TransferComplete, RequestDownload...) to the history. */
    public void recordEvents(long deviceId, List<DeviceEvent> events, Instant now) {
        db.inTransaction(c -> {
            repository.insertEvents(c, deviceId, now, events);
            return null;
        });
    }

    /** Writes coalesced last-contact times; called periodically and at shutdown. */
    public void flush() {
        lastContacts.flush();
    }

    private void refreshCache(Device d) {
        byKey.computeIfPresent(d.key(), (k, s) -> new Snapshot(d, s.informValues()));
    }

    private void cache(Snapshot s) {
        byKey.put(s.device().key(), s);
        keyById.put(s.device().id(), s.device().key());
    }

    private static Map<String, String> valuesOf(List<ParamValue> params) {
        Map<String, String> m = new HashMap<>(params.size() * 2);
        for (ParamValue p : params) {
            m.put(p.name(), p.value());
        }
        return m;
    }

    static DataModel dataModelOf(List<ParamValue> params) {
        for (ParamValue p : params) {
            return DataModel.ofPath(p.name());
        }
        return DataModel.TR181;
    }

    private static String nonEmpty(String candidate, String fallback) {
        return candidate == null || candidate.isEmpty() ? fallback : candidate;
    }
}
