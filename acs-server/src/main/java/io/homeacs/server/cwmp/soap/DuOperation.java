package io.homeacs.server.cwmp.soap;

/** One operation of a ChangeDUState request. */
public sealed interface DuOperation permits InstallOp, UpdateOp, UninstallOp {
}
