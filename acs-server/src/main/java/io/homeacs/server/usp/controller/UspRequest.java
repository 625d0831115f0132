package io.homeacs.server.usp.controller;

import io.homeacs.server.usp.proto.UspMsg;

/**
 * A message the controller sent for a task and how to read its answer. kind says which response
 * is expected and what it means; path is the object the request was about (a deleted object, a
 * diagnostics object) where the answer needs it.
 */
record UspRequest(UspMsg.Msg msg, Kind kind, String path) {

    enum Kind {
        GET_VALUES, REFRESH, SET, ADD, DELETE, OPERATE, FIRMWARE, DIAGNOSTICS, SUPPORTED_DM, SUPPORTED_PROTOCOL
    }

    String msgId() {
        return msg.getHeader().getMsgId();
    }
}
