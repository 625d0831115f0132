package io.homeacs.server.usp.codec;

import io.homeacs.server.usp.proto.UspMsg;
import io.homeacs.server.usp.proto.UspMsg.Header.MsgType;
import java.util.List;
import java.util.Map;

/** Builders for the messages the controller sends; no I/O. */
public final class Messages {
    private Messages() {
    }

    private static UspMsg.Msg request(String msgId, MsgType type, UspMsg.Request request) {
        return UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(type))
            .setBody(UspMsg.Body.newBuilder().setRequest(request)).build();
    }

    public static UspMsg.Msg get(String msgId, List<String> paths) {
        return request(msgId, MsgType.GET, UspMsg.Request.newBuilder()
            .setGet(UspMsg.Get.newBuilder().addAllParamPaths(paths)).build());
    }

    /** One Set for many parameters: each goes to its object, all required, nothing partial. */
    public static UspMsg.Msg set(String msgId, Map<String, Map<String, String>> byObject, boolean allowPartial) {
        UspMsg.Set.Builder s = UspMsg.Set.newBuilder().setAllowPartial(allowPartial);
        byObject.forEach((obj, params) -> {
            UspMsg.Set.UpdateObject.Builder u = UspMsg.Set.UpdateObject.newBuilder().setObjPath(obj);
            params.forEach((name, value) -> u.addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                .setParam(name).setValue(value).setRequired(true)));
            s.addUpdateObjs(u);
        });
        return request(msgId, MsgType.SET, UspMsg.Request.newBuilder().setSet(s).build());
    }

    public static UspMsg.Msg add(String msgId, String objPath, Map<String, String> params, boolean allowPartial) {
        UspMsg.Add.CreateObject.Builder c = UspMsg.Add.CreateObject.newBuilder().setObjPath(objPath);
        params.forEach((k, v) -> c.addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam(k).setValue(v)
            .setRequired(true)));
        return request(msgId, MsgType.ADD, UspMsg.Request.newBuilder()
            .setAdd(UspMsg.Add.newBuilder().setAllowPartial(allowPartial).addCreateObjs(c)).build());
    }

    /** Several objects in one Add; allow_partial so one refused object does not undo the others. */
    public static UspMsg.Msg addAll(String msgId, String table, List<Map<String, String>> objects) {
        UspMsg.Add.Builder a = UspMsg.Add.newBuilder().setAllowPartial(true);
        objects.forEach(params -> {
            UspMsg.Add.CreateObject.Builder c = UspMsg.Add.CreateObject.newBuilder().setObjPath(table);
            params.forEach((k, v) -> c.addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam(k).setValue(v)
                .setRequired(true)));
            a.addCreateObjs(c);
        });
        return request(msgId, MsgType.ADD, UspMsg.Request.newBuilder().setAdd(a).build());
    }

    public static UspMsg.Msg delete(String msgId, List<String> objPaths) {
        return request(msgId, MsgType.DELETE, UspMsg.Request.newBuilder()
            .setDelete(UspMsg.Delete.newBuilder().setAllowPartial(false).addAllObjPaths(objPaths)).build());
    }

    public static UspMsg.Msg operate(String msgId, String command, String commandKey, Map<String, String> input) {
        return request(msgId, MsgType.OPERATE, UspMsg.Request.newBuilder().setOperate(UspMsg.Operate.newBuilder()
            .setCommand(command).setCommandKey(commandKey).setSendResp(true).putAllInputArgs(input)).build());
    }

    public static UspMsg.Msg getSupportedDm(String msgId, String objPath, boolean firstLevelOnly) {
        return request(msgId, MsgType.GET_SUPPORTED_DM, UspMsg.Request.newBuilder().setGetSupportedDm(
            UspMsg.GetSupportedDM.newBuilder().addObjPaths(objPath).setFirstLevelOnly(firstLevelOnly)
                .setReturnParams(true).setReturnCommands(true).setReturnEvents(true)).build());
    }

    public static UspMsg.Msg getInstances(String msgId, String objPath, boolean firstLevelOnly) {
        return request(msgId, MsgType.GET_INSTANCES, UspMsg.Request.newBuilder().setGetInstances(
            UspMsg.GetInstances.newBuilder().addObjPaths(objPath).setFirstLevelOnly(firstLevelOnly)).build());
    }

    public static UspMsg.Msg getSupportedProtocol(String msgId, String versions) {
        return request(msgId, MsgType.GET_SUPPORTED_PROTO, UspMsg.Request.newBuilder().setGetSupportedProtocol(
            UspMsg.GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions(versions)).build());
    }

    public static UspMsg.Msg notifyResp(String msgId, String subscriptionId) {
        return UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(MsgType.NOTIFY_RESP))
            .setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder()
                .setNotifyResp(UspMsg.NotifyResp.newBuilder().setSubscriptionId(subscriptionId)))).build();
    }

    public static UspMsg.Msg error(String msgId, int code, String message) {
        return UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(MsgType.ERROR))
            .setBody(UspMsg.Body.newBuilder().setError(UspMsg.Error.newBuilder().setErrCode(code).setErrMsg(message)))
            .build();
    }
}
