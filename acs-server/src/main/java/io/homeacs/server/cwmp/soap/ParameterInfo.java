package io.homeacs.server.cwmp.soap;

/** ParameterInfoStruct from GetParameterNamesResponse. */
public record ParameterInfo(String name, boolean writable) {
}
