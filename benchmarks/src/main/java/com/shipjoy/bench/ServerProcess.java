package com.shipjoy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system under test: {@code java -jar shipjoy.jar} in a child JVM, exactly as the README starts it, but on a
 * free loopback port and a data directory of the harness's choosing. Its output goes to a log file.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern STARTED =
            Pattern.compile("Started ShipJoyApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final long START_TIMEOUT_MS = 300_000;

    private final Path jar;
    private final Path dataDir;
    private final Path log;
    private final List<String> jvmFlags;
    private Process process;
    private int port;
    private Object attached;
    private boolean attachFailed;

    ServerProcess(Path jar, Path dataDir, Path log, List<String> jvmFlags) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.log = log;
        this.jvmFlags = jvmFlags;
    }

    /** How a start went: spawn to first healthy answer, and what Spring Boot itself reported. */
    record Startup(long healthyMillis, double bootSeconds, double jvmSeconds) {
    }

    Startup start() {
        port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--shipjoy.data-dir=" + dataDir));
        long spawned = System.nanoTime();
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        attached = null;
        attachFailed = false;
        Http http = new Http(port);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + "; see " + log);
            }
            if ((System.nanoTime() - spawned) / 1_000_000 > START_TIMEOUT_MS) {
                throw new IllegalStateException("The server did not become healthy in time; see " + log);
            }
            if (http.get(null, "/actuator/health").status() == 200) {
                break;
            }
            sleep(20);
        }
        long healthy = (System.nanoTime() - spawned) / 1_000_000;
        double boot = -1;
        double jvm = -1;
        try {
            Matcher started = STARTED.matcher(Files.readString(log));
            while (started.find()) {
                boot = Double.parseDouble(started.group(1));
                jvm = Double.parseDouble(started.group(2));
            }
        } catch (IOException e) {
            // Boot's own figure is a bonus; the measured one stands.
        }
        return new Startup(healthy, boot, jvm);
    }

    /** The server log's size now, to count lines written after it with {@link #logLinesSince}. */
    long logSize() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Lines of the server log written since {@code offset} that contain {@code text}. */
    long logLinesSince(long offset, String text) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            String tail = new String(bytes, (int) Math.min(offset, bytes.length),
                    (int) Math.max(0, bytes.length - offset), StandardCharsets.UTF_8);
            return tail.lines().filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            return -1;
        }
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM (graceful shutdown) and wait; milliseconds it took. */
    long stop() {
        if (process == null || !process.isAlive()) {
            return 0;
        }
        detach();
        long start = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * A diagnostic command (as {@code jcmd PID <command>} would run it), through the attach API when this JVM may
     * use it (the harness jar opens it), else by running jcmd.
     */
    String jcmd(String command) {
        if (!attachFailed) {
            try {
                if (attached == null) {
                    attached = Class.forName("com.sun.tools.attach.VirtualMachine")
                            .getMethod("attach", String.class).invoke(null, Long.toString(pid()));
                }
                Method execute = Class.forName("sun.tools.attach.HotSpotVirtualMachine")
                        .getMethod("executeJCmd", String.class);
                execute.setAccessible(true);
                try (InputStream in = (InputStream) execute.invoke(attached, command)) {
                    // Not readAllBytes(): on this stream it stops after the first 4 KiB.
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    byte[] buffer = new byte[8192];
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        out.write(buffer, 0, n);
                    }
                    return out.toString(StandardCharsets.UTF_8);
                }
            } catch (ReflectiveOperationException | IOException | RuntimeException e) {
                attachFailed = true;
                detach();
            }
        }
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid()), command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static final Pattern THREAD_CPU =
            Pattern.compile("(?m)^\"([^\"]+)\"(?: #([0-9]+))?.*? cpu=([0-9.]+)ms");

    /**
     * CPU seconds each live thread of the server has used so far (from a thread dump), keyed by name and thread id
     * so that a thread that ended and a new one of the same name are not mixed up.
     */
    Map<String, Double> threadCpu() {
        Map<String, Double> threads = new TreeMap<>();
        Matcher thread = THREAD_CPU.matcher(jcmd("Thread.print"));
        while (thread.find()) {
            threads.put(thread.group(1) + "\u0000" + thread.group(2), Double.parseDouble(thread.group(3)) / 1000);
        }
        return threads;
    }

    /** CPU seconds per thread group between two {@link #threadCpu()} readings; ended threads are missed. */
    static Map<String, Double> threadCpuByGroup(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> groups = new TreeMap<>();
        after.forEach((thread, seconds) -> groups.merge(cpuGroup(thread.substring(0, thread.indexOf('\u0000'))),
                Math.max(0, seconds - before.getOrDefault(thread, 0.0)), Double::sum));
        return groups;
    }

    /** Thread groups of the server, by what they do; {@link Report} explains the names. */
    static String cpuGroup(String name) {
        if (name.startsWith("reactor-http")) {
            return "HTTP";
        }
        if (name.startsWith("boundedElastic")) {
            return "handlers";
        }
        if (name.startsWith("EventProcessor[inventory]")) {
            return "inventory";
        }
        if (name.startsWith("EventProcessor[stock-ledger]")) {
            return "ledger";
        }
        if (name.startsWith("EventProcessor[receipt-posting]")) {
            return "posting";
        }
        if (name.startsWith("EventProcessor[order-allocation]")) {
            return "allocation";
        }
        if (ORDER_READ_MODELS.stream().anyMatch(group -> name.startsWith("EventProcessor[" + group + "]"))) {
            return "order RMs";
        }
        if (name.startsWith("EmbeddedEventStore")) {
            return "reader";
        }
        if (name.startsWith("mongo-server")) {
            return "mongo";
        }
        if (name.startsWith("parallel")) {
            return "polling";
        }
        if (name.contains("CompilerThread")) {
            return "JIT";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return "GC";
        }
        return "other";
    }

    static final List<String> CPU_GROUPS = List.of("HTTP", "handlers", "posting", "allocation", "reader",
            "inventory", "ledger", "order RMs", "mongo", "polling", "JIT", "GC", "other");

    /** The read models of orders and fulfilment: one tracking processor each (CPU group "order RMs"). */
    static final List<String> ORDER_READ_MODELS = List.of("orders", "order-history", "backorders", "tasks",
            "shipments", "labor");

    /** The JDBC pool's counters from the server's own metrics (HikariCP via Micrometer). */
    record Pool(double acquisitions, double acquireSeconds, double usageSeconds, double timeouts) {

        Pool minus(Pool before) {
            return new Pool(acquisitions - before.acquisitions, acquireSeconds - before.acquireSeconds,
                    usageSeconds - before.usageSeconds, timeouts - before.timeouts);
        }

        double meanAcquireMillis() {
            return acquisitions == 0 ? Double.NaN : acquireSeconds * 1000 / acquisitions;
        }

        double meanUsageMillis() {
            return acquisitions == 0 ? Double.NaN : usageSeconds * 1000 / acquisitions;
        }
    }

    /** Reads /actuator/prometheus (ADMIN only: the one call the harness makes as admin). */
    Pool pool() {
        Http.Response metrics = new Http(port).get("admin", "/actuator/prometheus");
        if (metrics.status() != 200) {
            return new Pool(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Pool(metric(metrics.body(), "hikaricp_connections_acquire_seconds_count"),
                metric(metrics.body(), "hikaricp_connections_acquire_seconds_sum"),
                metric(metrics.body(), "hikaricp_connections_usage_seconds_sum"),
                metric(metrics.body(), "hikaricp_connections_timeout_total"));
    }

    /** {@code hikaricp_connections_max}, the pool size. */
    double poolSize() {
        Http.Response metrics = new Http(port).get("admin", "/actuator/prometheus");
        return metrics.status() == 200 ? metric(metrics.body(), "hikaricp_connections_max") : Double.NaN;
    }

    private static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\} ([0-9.Ee+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    boolean usesAttachApi() {
        return attached != null && !attachFailed;
    }

    private void detach() {
        if (attached != null) {
            try {
                attached.getClass().getMethod("detach").invoke(attached);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Best effort: the server is going away anyway.
            }
            attached = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
