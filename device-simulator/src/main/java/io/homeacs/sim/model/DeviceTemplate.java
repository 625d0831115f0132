package io.homeacs.sim.model;

import java.util.List;

/** Builds the factory data model of one kind of device and names its forced Inform parameters. */
public interface DeviceTemplate {
    String root();

    DataModel build(TemplateContext ctx);

    /** Parameters carried in every Inform (TR-181 / TR-098 "forcedInform" plus the WAN address). */
    List<String> forcedInformParameters(boolean udpConnectionRequests);
}
