package io.homeacs.server.cwmp.soap;

/** ArgStruct from RequestDownload. */
public record ArgStruct(String name, String value) {
}
