package dev.orderly.app.demo;

import dev.orderly.sandbox.workload.WorkloadResult;
import java.util.List;

/** The workload and what each mode made of it. */
public record ScenarioReport(String source, WorkloadResult workload, List<ModeReport> modes) {

    public ScenarioReport {
        modes = List.copyOf(modes);
    }

    public boolean clean() {
        return modes.stream().allMatch(ModeReport::clean);
    }
}
