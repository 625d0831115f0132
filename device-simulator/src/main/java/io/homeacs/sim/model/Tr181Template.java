package io.homeacs.sim.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A device on the TR-181 root: every such template starts from the same DeviceInfo and
 * ManagementServer objects and the same forced Inform parameters, then adds what its kind has.
 */
abstract class Tr181Template implements DeviceTemplate {

    @Override
    public final String root() {
        return Tr181Common.ROOT;
    }

    /** The TR-181 forced Inform parameters; a kind may add its own (an ONT its LOID). */
    @Override
    public List<String> forcedInformParameters(boolean udp) {
        return Tr181Common.forcedInform(udp);
    }

    @Override
    public final DataModel build(TemplateContext c) {
        DataModel m = new DataModel(Tr181Common.ROOT);
        ModelBuilder b = new ModelBuilder(m);
        Tr181Common.deviceInfo(b, c);
        Tr181Common.managementServer(b, c, Tr181Common.ROOT);
        addKindSpecific(b, c, c.random());
        return m;
    }

    /** The objects that make this kind of device what it is. */
    abstract void addKindSpecific(ModelBuilder b, TemplateContext c, SplittableRandom r);
}
