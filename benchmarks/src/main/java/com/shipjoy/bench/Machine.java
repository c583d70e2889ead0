package com.shipjoy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the machine is, and who used its CPUs while a scenario ran (from /proc; Linux only). */
final class Machine {

    /** USER_HZ: the unit of /proc/stat and /proc/PID/stat times; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Machine() {
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown";
    }

    static String memory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    static String kernel() {
        List<String> release = lines("/proc/sys/kernel/osrelease");
        return release.isEmpty() ? System.getProperty("os.name") : "Linux " + release.get(0).strip();
    }

    static String loadAverage() {
        List<String> load = lines("/proc/loadavg");
        if (load.isEmpty()) {
            return "unknown";
        }
        String[] parts = load.get(0).split("\\s+");
        return parts[0] + " / " + parts[1] + " / " + parts[2];
    }

    /** Resident set size of a process in MiB, and its peak (VmHWM); -1 when unknown. */
    static long[] rssMiB(long pid) {
        long rss = -1;
        long peak = -1;
        for (String line : lines("/proc/" + pid + "/status")) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            } else if (line.startsWith("VmHWM:")) {
                peak = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return new long[] {rss, peak};
    }

    /** CPU seconds (user + system) a process has used so far. */
    static double processCpuSeconds(long pid) {
        List<String> stat = lines("/proc/" + pid + "/stat");
        if (stat.isEmpty()) {
            return 0;
        }
        String line = stat.get(0);
        // The command name may hold spaces; the fields after its closing parenthesis are fixed.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** CPU seconds every core together spent busy, and stolen by the hypervisor, since boot. */
    static double[] machineCpuSeconds() {
        for (String line : lines("/proc/stat")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.substring(4).strip().split("\\s+");
                long busy = Long.parseLong(f[0]) + Long.parseLong(f[1]) + Long.parseLong(f[2])
                        + Long.parseLong(f[5]) + Long.parseLong(f[6]);
                long steal = f.length > 7 ? Long.parseLong(f[7]) : 0;
                return new double[] {busy / TICKS_PER_SECOND, steal / TICKS_PER_SECOND};
            }
        }
        return new double[] {0, 0};
    }

    /** A reading to subtract from a later one: who used the CPUs in between. */
    record CpuMark(long nanos, double machineBusy, double steal, double server, double harness) {

        static CpuMark now(long serverPid) {
            double[] machine = machineCpuSeconds();
            return new CpuMark(System.nanoTime(), machine[0], machine[1], processCpuSeconds(serverPid),
                    processCpuSeconds(ProcessHandle.current().pid()));
        }

        /** Average cores busy since {@code start}: server, harness, everything else, stolen. */
        CpuUse since(CpuMark start) {
            double seconds = (nanos - start.nanos) / 1e9;
            double server = this.server - start.server;
            double harness = this.harness - start.harness;
            double others = Math.max(0, (machineBusy - start.machineBusy) - server - harness);
            return new CpuUse(seconds, server, harness, others, steal - start.steal);
        }
    }

    /** CPU seconds used over {@code seconds} of wall time. */
    record CpuUse(double seconds, double server, double harness, double others, double steal) {

        double serverCores() {
            return server / seconds;
        }

        double harnessCores() {
            return harness / seconds;
        }

        double otherCores() {
            return others / seconds;
        }
    }

    private static List<String> lines(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
