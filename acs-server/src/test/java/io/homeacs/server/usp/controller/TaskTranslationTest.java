package io.homeacs.server.usp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.usp.proto.UspMsg;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tasks as USP requests, and USP answers as task outcomes. */
class TaskTranslationTest {
    private static Task task(TaskSpec spec) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Task(42, 7, spec, TaskOrigin.API, TaskState.SENT, t, t, t, t.plusSeconds(60), 1, 5, null, null, null);
    }

    private static UspRequest request(TaskSpec spec, ParameterDocument known) {
        TaskTranslator.Translation t = TaskTranslator.translate(task(spec), () -> known);
        assertThat(t.refusal()).isNull();
        assertThat(t.request().msgId()).isEqualTo("task-42");
        return t.request();
    }

    @Test
    void setGroupsValuesByObject() {
        UspRequest r = request(new TaskSpec.SetParameterValues(List.of(
            new ParamValue("Device.WiFi.SSID.1.SSID", "a", "xsd:string"),
            new ParamValue("Device.WiFi.SSID.1.Enable", "true", "xsd:boolean"),
            new ParamValue("Device.WiFi.SSID.2.SSID", "b", "xsd:string"))), ParameterDocument.empty());
        UspMsg.Set set = r.msg().getBody().getRequest().getSet();
        assertThat(set.getAllowPartial()).isFalse();
        assertThat(set.getUpdateObjsList()).extracting(UspMsg.Set.UpdateObject::getObjPath)
            .containsExactly("Device.WiFi.SSID.1.", "Device.WiFi.SSID.2.");
        assertThat(set.getUpdateObjs(0).getParamSettingsList()).extracting(UspMsg.Set.UpdateParamSetting::getParam)
            .containsExactly("SSID", "Enable");
    }

    @Test
    void diagnosticsRequestBecomesTheCommand() {
        UspRequest r = request(new TaskSpec.SetParameterValues(List.of(
            new ParamValue("Device.IP.Diagnostics.IPPing.Host", "10.0.0.1", "xsd:string"),
            new ParamValue("Device.IP.Diagnostics.IPPing.NumberOfRepetitions", "3", "xsd:unsignedInt"),
            new ParamValue("Device.IP.Diagnostics.IPPing.DiagnosticsState", "Requested", "xsd:string"))),
            ParameterDocument.empty());
        UspMsg.Operate op = r.msg().getBody().getRequest().getOperate();
        assertThat(op.getCommand()).isEqualTo("Device.IP.Diagnostics.IPPing()");
        assertThat(op.getCommandKey()).isEqualTo("task-42");
        assertThat(op.getInputArgsMap()).containsEntry("Host", "10.0.0.1").containsEntry("NumberOfRepetitions", "3")
            .doesNotContainKey("DiagnosticsState");
    }

    @Test
    void rebootResetAndFirmware() {
        assertThat(request(new TaskSpec.Reboot(), ParameterDocument.empty()).msg().getBody().getRequest().getOperate()
            .getCommand()).isEqualTo("Device.Reboot()");
        assertThat(request(new TaskSpec.FactoryReset(), ParameterDocument.empty()).msg().getBody().getRequest()
            .getOperate().getCommand()).isEqualTo("Device.FactoryReset()");
        ParameterDocument known = ParameterDocument.empty();
        Instant now = Instant.now();
        known.merge(List.of(new ParamValue("Device.DeviceInfo.ActiveFirmwareImage", "Device.DeviceInfo.FirmwareImage.1",
                "xsd:string"), new ParamValue("Device.DeviceInfo.FirmwareImage.1.Status", "Active", "xsd:string"),
            new ParamValue("Device.DeviceInfo.FirmwareImage.2.Status", "NoImage", "xsd:string")), now);
        UspRequest fw = request(new TaskSpec.Download(TaskTranslator.FIRMWARE_FILE_TYPE, "http://fw/img.bin", "", "", 10,
            "", 0, "", ""), known);
        UspMsg.Operate op = fw.msg().getBody().getRequest().getOperate();
        assertThat(op.getCommand()).isEqualTo("Device.DeviceInfo.FirmwareImage.2.Download()");
        assertThat(op.getInputArgsMap()).containsEntry("URL", "http://fw/img.bin").containsEntry("AutoActivate", "true")
            .containsEntry("FileSize", "10");
        assertThat(TaskTranslator.translate(task(new TaskSpec.Download("3 Vendor Configuration File", "http://x", "", "",
            0, "", 0, "", "")), ParameterDocument::empty).refusal()).contains("no USP equivalent");
        assertThat(TaskTranslator.translate(task(new TaskSpec.Download(TaskTranslator.FIRMWARE_FILE_TYPE, "http://x", "",
            "", 0, "", 0, "", "")), ParameterDocument::empty).refusal()).contains("FirmwareImage");
        assertThat(TaskTranslator.translate(task(new TaskSpec.ScheduleInform(5)), ParameterDocument::empty).refusal())
            .contains("scheduleInform");
    }

    @Test
    void answersBecomeOutcomes() {
        UspRequest get = request(new TaskSpec.GetParameterValues(List.of("Device.DeviceInfo.")), ParameterDocument.empty());
        UspMsg.Msg resp = UspMsg.Msg.newBuilder().setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder()
            .setGetResp(UspMsg.GetResp.newBuilder().addReqPathResults(UspMsg.GetResp.RequestedPathResult.newBuilder()
                .setRequestedPath("Device.DeviceInfo.").addResolvedPathResults(UspMsg.GetResp.ResolvedPathResult
                    .newBuilder().setResolvedPath("Device.DeviceInfo.").putResultParams("SerialNumber", "S1")))))).build();
        TaskOutcome.Done done = (TaskOutcome.Done) ResponseMapper.outcome(get, resp);
        assertThat(done.learned()).containsExactly(new ParamValue("Device.DeviceInfo.SerialNumber", "S1", "xsd:string"));

        UspMsg.Msg error = UspMsg.Msg.newBuilder().setBody(UspMsg.Body.newBuilder().setError(UspMsg.Error.newBuilder()
            .setErrCode(7004).setErrMsg("bad").addParamErrs(UspMsg.Error.ParamError.newBuilder()
                .setParamPath("Device.X").setErrCode(7013).setErrMsg("not writable")))).build();
        TaskOutcome.Failed f = (TaskOutcome.Failed) ResponseMapper.outcome(get, error);
        assertThat(f.code()).isEqualTo(7004);
        assertThat(f.retryable()).isFalse();
        assertThat(f.describe()).contains("Device.X (7013 not writable)");
        UspMsg.Msg busy = UspMsg.Msg.newBuilder().setBody(UspMsg.Body.newBuilder().setError(UspMsg.Error.newBuilder()
            .setErrCode(7005))).build();
        assertThat(((TaskOutcome.Failed) ResponseMapper.outcome(get, busy)).retryable()).isTrue();

        UspRequest fw = new UspRequest(UspMsg.Msg.getDefaultInstance(), UspRequest.Kind.FIRMWARE, "x");
        UspMsg.Msg async = UspMsg.Msg.newBuilder().setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response
            .newBuilder().setOperateResp(UspMsg.OperateResp.newBuilder().addOperationResults(UspMsg.OperateResp
                .OperationResult.newBuilder().setExecutedCommand("c").setReqObjPath("Device.LocalAgent.Request.1."))))).build();
        assertThat(ResponseMapper.outcome(fw, async)).isInstanceOf(TaskOutcome.Accepted.class);
        assertThat(((TaskOutcome.Accepted) ResponseMapper.outcome(fw, async)).result())
            .isEqualTo(Map.of("command", "c", "request", "Device.LocalAgent.Request.1."));
    }
}
