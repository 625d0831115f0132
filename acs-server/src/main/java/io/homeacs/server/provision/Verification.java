package io.homeacs.server.provision;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.subscriber.ServiceKind;
import io.homeacs.server.subscriber.ServiceOrder.Step;
import io.homeacs.server.subscriber.ServiceOrder.StepState;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.subscriber.Subscribers;
import io.homeacs.server.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the read-back after commissioning: every value pushed must now be on the device, and with
 * broadband in service the PPP session must be up — the proof an installer shows the customer.
 */
final class Verification {
    private Verification() {
    }

    static Step judge(Step step, Task task, Device device, Subscriber s, Provisioning env, Subscribers subscribers,
                      Instant now) {
        ParameterDocument doc = env.registry().parameters(device.id());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        boolean broadband = false;
        for (ServiceConfig.StepPlan p : ServiceConfig.forDevice(s, device.kind(), subscribers::plainSetting)) {
            if (p.problem() != null) {
                continue;
            }
            broadband |= p.name().equals("broadband");
            for (ParamValue expected : Resolved.of(p.items(), env.normalization(), device, doc).verifiable()) {
                ParameterDocument.Entry actual = doc.get(expected.name());
                checked++;
                if (actual == null || !Resolved.same(actual.type(), actual.value(), expected.value())) {
                    wrong.add(expected.name() + " is " + (actual == null ? "missing" : "'" + actual.value() + "'")
                        + ", expected '" + expected.value() + "'");
                }
            }
        }
        String wan = "";
        if (broadband && !s.suspended().contains(ServiceKind.BROADBAND)) {
            var status = env.normalization().resolve("wanConnectionStatus", device, doc);
            if (status.isPresent() && !status.get().raw().equals("Connected")) {
                wrong.add("the PPP session is " + status.get().raw() + ", not Connected (check the PPPoE account "
                    + "and the line)");
            } else if (status.isPresent()) {
                wan = "; WAN Connected";
            }
        }
        if (!wrong.isEmpty()) {
            return new Step(step.seq(), step.name(), StepState.WAITING, task.id(), String.join("; ", wrong), now);
        }
        return new Step(step.seq(), step.name(), StepState.DONE, task.id(), "verified " + checked + " values" + wan, now);
    }
}
