package com.shipjoy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 12's replay speed: read models rebuilt from the first event, one at a time, through the admin API
 * ({@code POST /api/admin/projections/{name}/replay}, then the projections' status until the read model is no longer
 * REPLAYING): events per second over the whole store (its head at the start) and the server's CPU per event.
 */
final class Replays {

    /** Every read model, in the order they are replayed. */
    static final List<String> ALL = List.of("inventory", "stock-ledger", "stock-checkpoints", "orders",
            "backorders", "order-history", "tasks", "shipments", "labor", "kpis", "returns",
            "warehouses");

    /** One replay: wall seconds, events per second and server CPU microseconds per event over {@code events}. */
    record Replay(String name, long events, double seconds, double serverCores, double cpuMicrosPerEvent) {

        double perSecond() {
            return events / seconds;
        }
    }

    private Replays() {
    }

    /** Replays {@code names} one after the other over a store whose head is {@code head}; failures are added. */
    static List<Replay> measure(Http http, ServerProcess server, long head, List<String> names, Duration patience,
                                List<String> failures) {
        System.out.printf("-- replays, one at a time, over %,d events%n", head);
        List<Replay> replays = new ArrayList<>();
        for (String name : names) {
            Machine.CpuMark before = Machine.CpuMark.now(server.pid());
            long start = System.nanoTime();
            Http.Response started = http.post("admin", "/api/admin/projections/" + name + "/replay", "");
            if (started.status() != 202) {
                failures.add("replay of " + name + " answered " + started.status() + ": " + started.body());
                return replays;
            }
            while (!live(http, name)) {
                if (System.nanoTime() - start > patience.toNanos()) {
                    failures.add("replay of " + name + " not done within " + patience.toMinutes() + " min");
                    return replays;
                }
                ServerProcess.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Machine.CpuUse cpu = Machine.CpuMark.now(server.pid()).since(before);
            Replay replay = new Replay(name, head, seconds, cpu.serverCores(), cpu.server() * 1e6 / head);
            replays.add(replay);
            System.out.printf("    %-18s %7.1f s  %,9.0f events/s  server %.2f cores, %.1f µs CPU/event%n", name,
                    seconds, replay.perSecond(), replay.serverCores(), replay.cpuMicrosPerEvent());
        }
        return replays;
    }

    /** The replays as a table. */
    static void table(Markdown md, List<Replay> replays) {
        Markdown.Table table = md.table("read model", "events", "seconds", "events/s", "server cores",
                "server CPU µs/event");
        replays.forEach(replay -> table.row(replay.name(), String.format("%,d", replay.events()),
                String.format("%.1f", replay.seconds()), String.format("%,.0f", replay.perSecond()),
                String.format("%.2f", replay.serverCores()), String.format("%.1f", replay.cpuMicrosPerEvent())));
        table.end();
    }

    /** Whether {@code name} is live on its new copy: not replaying (a replay that failed shows ERROR). */
    private static boolean live(Http http, String name) {
        Http.Response status = http.get(Benchmarks.AUDITOR, "/api/admin/projections");
        if (status.status() != 200) {
            return false;
        }
        String body = status.body();
        int at = body.indexOf("\"name\":\"" + name + "\"");
        return at >= 0 && !body.substring(at, body.indexOf('}', at)).contains("REPLAYING");
    }
}
