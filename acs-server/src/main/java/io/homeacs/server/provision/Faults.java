package io.homeacs.server.provision;

import io.homeacs.server.task.TaskOutcome;

/** A device's refusal in words an installer can act on: the fault, and each parameter it named. */
final class Faults {
    private Faults() {
    }

    static String describe(TaskOutcome.Failed f) {
        return "the device refused: " + f.describe();
    }
}
