package io.filepipe.bench.capacity;

import io.filepipe.bench.capacity.Design.Limits;
import io.filepipe.bench.capacity.UserDistribution.Zipf;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The model's tables in Markdown: what {@code bench/run.sh --only capacity} prints. */
public final class CapacityReport {

    private CapacityReport() {
    }

    public static String markdown() {
        Workload goal = Workload.goal();
        Design after = Design.project(Limits.forTheGoal());
        Design before = Design.beforeIssue17(Limits.defaults());
        StringBuilder out = new StringBuilder();
        out.append("## Capacity model: ").append(describe(goal)).append("\n\n");
        out.append("### The goal on this design, with the quota raises of docs/scaling.md\n\n");
        Assessment atGoal = CapacityModel.assess(goal, after);
        loads(out, atGoal);
        pipeline(out, atGoal);
        int api = (int) Math.ceil(atGoal.apiConcurrency() / CapacityModel.HEADROOM);
        int processor = (int) Math.ceil(atGoal.processorConcurrency() / CapacityModel.HEADROOM);
        out.append(String.format(Locale.ROOT, "Reserved concurrency for the goal (each function's load at 70%% of its"
                        + " reservation): `filepipe:apiReservedConcurrency: %d`, `filepipe:processorReservedConcurrency:"
                        + " %d`; with the reconciler's 1 and the 100 Lambda keeps unreserved, the account needs %,d.%n%n",
                api, processor, api + processor + 1 + 100));
        out.append("### The goal on the design before issue 17, default quotas\n\n");
        loads(out, CapacityModel.assess(goal, before));
        pipeline(out, CapacityModel.assess(goal, before));
        ceilings(out, goal);
        growth(out, goal, after);
        singleUser(out, goal);
        return out.toString();
    }

    private static String describe(Workload w) {
        return String.format(Locale.ROOT, "%,.0f uploads/s of %,d-byte files from %,d users (%s), processing median %.2f s"
                        + " / p99 %.2f s (mean %.2f s), API %.2f s per upload, %.0f GET per upload",
                w.uploadsPerSecond(), w.fileBytes(), w.users(), w.distribution(), w.processing().medianSeconds(),
                w.processing().p99Seconds(), w.processing().meanSeconds(), w.apiSecondsPerUpload(), w.readsPerUpload());
    }

    static void loads(StringBuilder out, Assessment a) {
        out.append("| load | busiest key | per second | quota | used | source |\n|---|---|---|---|---|---|\n");
        for (Load l : a.loads()) {
            String used = l.quota() == null ? "" : percent(l.utilization())
                    + (l.utilization() >= CapacityModel.HEADROOM && l.scope() != Load.Scope.SETTING ? " **over 70%**" : "");
            String quota = l.quota() == null ? "" : number(l.quota().limit()) + " " + l.quota().unit();
            String source = l.quota() == null ? "" : l.quota().source();
            out.append(String.format(Locale.ROOT, "| %s%s | `%s` | %s %s | %s | %s | %s |%n", l.what(),
                    l.scope() == Load.Scope.ONE_USER ? " (one user)" : l.scope() == Load.Scope.SETTING ? " (setting)" : "", l.key(), number(l.perSecond()), l.unit(), quota, used, source));
        }
        out.append(String.format(Locale.ROOT, "%nCost: $%,.2f per hour ($%,.2f per million uploads):", a.totalCostPerHour(),
                a.totalCostPerHour() / (a.workload().uploadsPerSecond() * 3600) * 1e6));
        for (Map.Entry<String, Double> e : a.costPerHour().entrySet()) {
            out.append(String.format(Locale.ROOT, " %s $%,.2f;", e.getKey(), e.getValue()));
        }
        out.append(" storage aside.\n\n");
    }

    static void pipeline(StringBuilder out, Assessment a) {
        out.append(String.format(Locale.ROOT, "Pipeline: %d stream shards, %.1f files/s per shard; a full batch takes %.2f s,"
                        + " a shard carries %.1f files/s (%s used); %.1f batches in flight per shard; %.1f executions/s,"
                        + " %.0f state transitions/s; Lambda: processor %.0f, API %.0f concurrent; lag %s.%n%n",
                a.streamShards(), a.recordsPerShard(), a.batchSeconds(), a.shardCapacity(),
                percent(a.recordsPerShard() / a.shardCapacity()), a.batchesInFlightPerShard(), a.executionsPerSecond(),
                a.transitionsPerSecond(), a.processorConcurrency(), a.apiConcurrency(), lag(a.lagSeconds())));
    }

    private static void ceilings(StringBuilder out, Workload goal) {
        out.append("### Ceilings: uploads/s with every system-wide quota under 70%\n\n");
        out.append("| design | quotas | ceiling uploads/s | binding load at the ceiling |\n|---|---|---|---|\n");
        for (Design d : List.of(Design.beforeIssue17(Limits.defaults()), Design.beforeIssue17(Limits.forTheGoal()),
                Design.project(Limits.defaults()), Design.project(Limits.forTheGoal()))) {
            double ceiling = CapacityModel.ceiling(goal, d);
            Assessment at = CapacityModel.assess(goal.at(ceiling * 1.01), d);
            Load binding = at.loads().stream().filter(l -> l.scope() == Load.Scope.SYSTEM)
                    .max((x, y) -> Double.compare(x.utilization(), y.utilization())).orElseThrow();
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s |%n", d.name(),
                    d.limits().equals(Limits.defaults()) ? "default" : "raised (docs/scaling.md)", ceiling, binding.what()));
        }
        out.append('\n');
        out.append("Each load alone (the rate at which it reaches 70% of its quota; the lowest is the ceiling):\n\n");
        out.append("| load | before, default quotas | after, default quotas | after, raised quotas |\n|---|---|---|---|\n");
        Design before = Design.beforeIssue17(Limits.defaults());
        Design afterDefault = Design.project(Limits.defaults());
        Design afterRaised = Design.project(Limits.forTheGoal());
        for (Load l : CapacityModel.assess(goal, afterRaised).loads()) {
            if (l.scope() == Load.Scope.SYSTEM && l.quota() != null) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", l.what(),
                        rate(CapacityModel.ceiling(goal, before, l.what())),
                        rate(CapacityModel.ceiling(goal, afterDefault, l.what())),
                        rate(CapacityModel.ceiling(goal, afterRaised, l.what()))));
            }
        }
        out.append('\n');
    }

    private static void growth(StringBuilder out, Workload goal, Design d) {
        out.append("### Lag and cost as the load grows (this design, raised quotas)\n\n");
        out.append("| uploads/s | shards | files/s per shard | executions/s | lag | processor concurrency | $/hour | $ per million uploads | highest quota used |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (double rate : List.of(10.0, 100.0, 500.0, 1_000.0, 2_000.0, 5_000.0, 10_000.0)) {
            Assessment a = CapacityModel.assess(goal.at(rate), d);
            out.append(String.format(Locale.ROOT, "| %,.0f | %d | %.1f | %.1f | %s | %.0f | %,.2f | %,.2f | %s |%n", rate,
                    a.streamShards(), a.recordsPerShard(), a.executionsPerSecond(), lag(a.lagSeconds()),
                    a.processorConcurrency(), a.totalCostPerHour(), a.totalCostPerHour() / (rate * 3600) * 1e6,
                    percent(a.maxSharedUtilization())));
        }
        out.append('\n');
    }

    private static void singleUser(StringBuilder out, Workload goal) {
        out.append("### One user\n\n");
        Workload idempotent = new Workload(goal.uploadsPerSecond(), goal.users(), goal.distribution(), goal.fileBytes(),
                goal.processing(), goal.apiSecondsPerUpload(), goal.readsPerUpload(), 1, goal.itemBytes(),
                goal.thumbnailsPerFile());
        out.append(String.format(Locale.ROOT, "One user's files share one partition (`USER#<sub>`): %.1f write units per upload"
                        + " (%.1f with an Idempotency-Key), so one user can upload %.0f/s at 70%% of the partition's"
                        + " 1,000 write units (%.0f/s at 100%%; with Idempotency-Key %.0f/s and %.0f/s).%n%n",
                CapacityModel.writeUnitsPerFile(goal), CapacityModel.writeUnitsPerFile(idempotent),
                CapacityModel.singleUserCap(goal, CapacityModel.HEADROOM), CapacityModel.singleUserCap(goal, 1),
                CapacityModel.singleUserCap(idempotent, CapacityModel.HEADROOM), CapacityModel.singleUserCap(idempotent, 1)));
        out.append("| distribution of 100,000 users | busiest user's share | their uploads/s at 5,000/s | their partition |\n");
        out.append("|---|---|---|---|\n");
        for (UserDistribution dist : List.of(new UserDistribution.Uniform(), new Zipf(0.8), new Zipf(0.9), new Zipf(1.0),
                new Zipf(1.1))) {
            double share = dist.topShare(goal.users());
            double units = share * goal.uploadsPerSecond() * CapacityModel.writeUnitsPerFile(goal);
            out.append(String.format(Locale.ROOT, "| %s | %.3f%% | %.1f | %s of 1,000 write units |%n", dist, share * 100,
                    share * goal.uploadsPerSecond(), percent(units / 1_000)));
        }
        out.append('\n');
    }

    private static String rate(double uploadsPerSecond) {
        return Double.isInfinite(uploadsPerSecond) ? "none (grows with the load)"
                : String.format(Locale.ROOT, "%,.0f", uploadsPerSecond);
    }

    private static String lag(double seconds) {
        return Double.isInfinite(seconds) ? "unbounded (the pipe falls behind)"
                : String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
