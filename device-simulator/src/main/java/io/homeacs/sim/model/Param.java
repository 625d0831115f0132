package io.homeacs.sim.model;

import java.util.List;

/** A parameter of one device: shared definition plus per-device value and attributes. */
final class Param {
    final ParamDef def;
    String value;
    int notification;
    List<String> accessList = List.of();

    Param(ParamDef def, String value) {
        this.def = def;
        this.value = value;
        this.notification = def.defaultNotification();
    }
}
