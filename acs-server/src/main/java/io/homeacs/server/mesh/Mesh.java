package io.homeacs.server.mesh;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.store.Database;
import io.homeacs.server.subscriber.Assignments;
import io.homeacs.server.subscriber.NotFound;
import io.homeacs.server.subscriber.ServicePlan;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.subscriber.Subscribers;
import io.homeacs.server.task.SecretSealer;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Wi-Fi mesh of each home: its topology from the controller's Data Elements, its layout (desired
 * state) pushed to every node, layout templates per plan, and keeping the Data Elements fresh. The
 * installer's commissioning is {@link MeshCommissioning}.
 */
public final class Mesh {
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final DeviceWakeup wakeup;
    private final Assignments assignments;
    private final Subscribers subscribers;
    private final MeshStore store;
    private final LayoutPush push;
    private final Settings settings;
    private final Clock clock;
    /** Device id → epoch second its Data Elements are next due for a refresh; devices seen since start. */
    private final Map<Long, Long> refreshDue = new ConcurrentHashMap<>();

    /** refreshInterval 0 = no periodic refresh of the Data Elements. */
    public record Settings(Thresholds thresholds, Duration refreshInterval, Duration taskExpiry) {
    }

    public Mesh(Database db, DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup, Assignments assignments,
                Subscribers subscribers, Normalization normalization, SecretSealer sealer, Settings settings, Clock clock) {
        this.registry = registry;
        this.tasks = tasks;
        this.wakeup = wakeup;
        this.assignments = assignments;
        this.subscribers = subscribers;
        this.settings = settings;
        this.clock = clock;
        this.store = new MeshStore(db, sealer);
        this.push = new LayoutPush(store, registry, tasks, wakeup, normalization, settings.taskExpiry());
        if (!settings.refreshInterval().isZero()) {
            registry.onCheckIn((device, facts, first, now) -> {
                if (device.kind() == DeviceKind.MESH_ROUTER || refreshDue.containsKey(device.id())) {
                    refreshIfDue(device, facts.has("4 VALUE CHANGE"), now);
                }
            });
        }
    }

    public Thresholds thresholds() {
        return settings.thresholds();
    }

    MeshStore store() {
        return store;
    }

    /** The home's topology; NotFound when the subscriber holds no device reporting Data Elements. */
    public MeshTopology topology(long subscriberId) {
        requireSubscriber(subscriberId);
        List<TopologyBuilder.Held> held = new ArrayList<>();
        for (long id : assignments.devicesOf(subscriberId)) {
            registry.find(id).ifPresent(d -> held.add(new TopologyBuilder.Held(d, registry.parameters(id))));
        }
        TopologyBuilder.Held controller = held.stream().filter(h -> TopologyBuilder.isController(h.doc())).findFirst()
            .orElseThrow(() -> new NotFound("mesh of subscriber " + subscriberId + " (no device of this home reports "
                + "Device.WiFi.DataElements.Network.; refresh the gateway)"));
        refreshDue.putIfAbsent(controller.device().id(), 0L);
        List<TopologyBuilder.Held> others = held.stream().filter(h -> h != controller).toList();
        return TopologyBuilder.build(subscriberId, controller, others);
    }

    public String svg(long subscriberId) {
        return MeshSvg.render(topology(subscriberId), settings.thresholds());
    }

    /** Reads the controller's Data Elements afresh (and wakes it); returns the task. */
    public Task refresh(long subscriberId) {
        MeshTopology t = topology(subscriberId);
        Device d = registry.find(t.controllerDeviceId()).orElseThrow(() -> new NotFound("device " + t.controllerDeviceId()));
        Task task = tasks.enqueue(d.id(), new TaskSpec.GetParameterValues(List.of(TopologyBuilder.NETWORK)), TaskOrigin.SYSTEM,
            settings.taskExpiry(), clock.instant());
        wakeup.wake(d);
        return task;
    }

    private void refreshIfDue(Device device, boolean valueChange, Instant now) {
        long sec = now.getEpochSecond();
        Long due = refreshDue.get(device.id());
        if (due != null && sec < due && !valueChange) {
            return;
        }
        refreshDue.put(device.id(), sec + settings.refreshInterval().toSeconds());
        if (due == null && !valueChange) {
            return;
        }
        if (!registry.parameters(device.id()).hasPrefix(TopologyBuilder.NETWORK)) {
            return;
        }
        tasks.enqueue(device.id(), new TaskSpec.GetParameterValues(List.of(TopologyBuilder.NETWORK)), TaskOrigin.SYSTEM,
            settings.refreshInterval(), now);
    }

    public List<Recommendations.Finding> findings(long subscriberId) {
        return Recommendations.judge(topology(subscriberId), settings.thresholds(),
            layout(subscriberId).map(l -> l.layout().preferredBackhaul()).orElse("auto"));
    }

    /**
     * HOOK for health and triage (issue 7): the mesh findings of the home the device belongs to — backhaul
     * degraded (backhaul-weak, backhaul-slow), clients stuck on a weak node (clients-weak), channel
     * congestion (channel-congested). Empty when no subscriber holds the device or the home has no mesh
     * controller, so a caller may ask for any device.
     */
    public List<Recommendations.Finding> findingsForDevice(long deviceId) {
        Long subscriber = assignments.holderOf(deviceId).orElse(null);
        if (subscriber == null) {
            return List.of();
        }
        try {
            return findings(subscriber);
        } catch (NotFound e) {
            return List.of();
        }
    }

    // Layouts

    public record Layout(long subscriberId, int version, MeshLayout layout, String updatedBy, Instant updatedAt,
                         boolean fromTemplate) {
    }

    /** The home's layout, or its mesh plan's template when it has none yet. */
    public Optional<Layout> layout(long subscriberId) {
        Subscriber s = requireSubscriber(subscriberId);
        Optional<MeshStore.StoredLayout> own = store.layout(subscriberId);
        if (own.isPresent()) {
            MeshStore.StoredLayout l = own.get();
            return Optional.of(new Layout(subscriberId, l.version(), l.layout(), l.updatedBy(), l.updatedAt(), false));
        }
        for (ServicePlan p : s.plans()) {
            Optional<MeshLayout> t = store.template(p.code());
            if (t.isPresent()) {
                return Optional.of(new Layout(subscriberId, 0, t.get(), "template " + p.code(), p.createdAt(), true));
            }
        }
        return Optional.empty();
    }

    public Layout putLayout(long subscriberId, MeshLayout layout, String by) {
        requireSubscriber(subscriberId);
        MeshStore.StoredLayout l = store.putLayout(subscriberId, layout, by, clock.instant());
        return new Layout(subscriberId, l.version(), l.layout(), l.updatedBy(), l.updatedAt(), false);
    }

    public boolean deleteLayout(long subscriberId) {
        requireSubscriber(subscriberId);
        return store.deleteLayout(subscriberId);
    }

    public void putTemplate(String planCode, MeshLayout layout) {
        if (subscribers.plans().find(planCode).isEmpty()) {
            throw new NotFound("plan " + planCode);
        }
        store.putTemplate(planCode, layout, clock.instant());
    }

    public Optional<MeshLayout> template(String planCode) {
        return store.template(planCode);
    }

    /** Pushes the home's layout (a template becomes the home's own layout first) to every node. */
    public long push(long subscriberId, String by) {
        Layout l = layout(subscriberId).orElseThrow(() -> new NotFound("mesh layout of subscriber " + subscriberId));
        MeshStore.StoredLayout stored = l.fromTemplate()
            ? store.putLayout(subscriberId, l.layout(), by, clock.instant())
            : new MeshStore.StoredLayout(subscriberId, l.version(), l.layout(), l.updatedBy(), l.updatedAt());
        return push.start(stored, topology(subscriberId), null, by, clock.instant());
    }

    public Optional<MeshPush> pushStatus(long pushId) {
        return store.push(pushId);
    }

    public List<MeshPush> pushes(long subscriberId, int limit) {
        requireSubscriber(subscriberId);
        return store.pushesOf(subscriberId, limit);
    }

    /**
     * The layout follows the home's devices: a node device (a swapped-in unit, an added satellite) that
     * the last push of the current layout version did not cover gets the layout pushed to it alone.
     * Run periodically; homes without a layout cost one row of a small table.
     */
    public void follow() {
        Instant now = clock.instant();
        for (long subscriberId : store.subscribersWithLayouts()) {
            MeshStore.StoredLayout l = store.layout(subscriberId).orElse(null);
            List<MeshPush> last = store.pushesOf(subscriberId, 20);
            if (l == null || last.isEmpty() || last.stream().anyMatch(p -> p.state().equals("running"))) {
                continue;
            }
            Set<Long> covered = new HashSet<>();
            last.stream().filter(p -> p.layoutVersion() == l.version())
                .forEach(p -> p.nodes().forEach(n -> {
                    if (n.get("deviceId") instanceof Number d) {
                        covered.add(d.longValue());
                    }
                }));
            if (covered.isEmpty()) {
                continue;
            }
            MeshTopology t;
            try {
                t = topology(subscriberId);
            } catch (NotFound e) {
                continue;
            }
            Set<Long> fresh = new HashSet<>();
            t.nodes().stream().map(MeshTopology.Node::deviceId).filter(d -> d != null && !covered.contains(d)).forEach(fresh::add);
            if (!fresh.isEmpty()) {
                push.start(l, t, fresh, "mesh-follow", now);
            }
        }
    }

    Subscriber requireSubscriber(long subscriberId) {
        return subscribers.find(subscriberId).orElseThrow(() -> new NotFound("subscriber " + subscriberId));
    }
}
