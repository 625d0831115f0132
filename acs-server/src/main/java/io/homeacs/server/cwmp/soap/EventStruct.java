package io.homeacs.server.cwmp.soap;

/** EventStruct from Inform, e.g. ("M Reboot", "key-1"). */
public record EventStruct(String eventCode, String commandKey) {
}
