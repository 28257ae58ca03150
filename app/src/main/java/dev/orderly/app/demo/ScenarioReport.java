package dev.orderly.app.demo;

import dev.orderly.sandbox.workload.WorkloadResult;
import java.util.List;
import java.util.Optional;

/**
 * The workload and what each mode made of it.
 *
 * @param reassembly the hash topic reassembled and compared with the one_partition topic, when both
 *     modes ran
 */
public record ScenarioReport(String source, WorkloadResult workload, List<ModeReport> modes, Optional<ReassemblyCheck> reassembly) {

    public ScenarioReport {
        modes = List.copyOf(modes);
        java.util.Objects.requireNonNull(reassembly, "reassembly is null");
    }

    public boolean clean() {
        return modes.stream().allMatch(ModeReport::clean) && reassembly.map(ReassemblyCheck::equal).orElse(true);
    }
}
