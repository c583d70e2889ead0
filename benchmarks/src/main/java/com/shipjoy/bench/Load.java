package com.shipjoy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: {@code clients} threads each send one request, wait for the answer, send the next, until
 * {@code count} operations are done or {@code cap} has passed, whichever comes first.
 */
final class Load {

    private Load() {
    }

    /** One operation's outcome: how long it took (what the scenario measures) and whether it did what it should. */
    record Sample(long nanos, String error) {

        static Sample of(Http.Response response, int expectedStatus) {
            if (response.status() != expectedStatus) {
                return new Sample(response.nanos(), "HTTP " + response.status() + " (expected " + expectedStatus
                        + "): " + abbreviate(response.body()));
            }
            return new Sample(response.nanos(), null);
        }

        /** A command: the expected status and an X-Event-Position header. */
        static Sample command(Http.Response response, int expectedStatus) {
            Sample sample = of(response, expectedStatus);
            if (sample.error == null && response.position() < 0) {
                return new Sample(response.nanos(), "no X-Event-Position");
            }
            return sample;
        }
    }

    @FunctionalInterface
    interface Operation {

        /** Operation number {@code index} (0-based, over all clients) by client {@code client}. */
        Sample run(int index, int client);
    }

    /** What a run measured. Latencies are sorted, in nanoseconds, successful operations only. */
    record Result(String name, int clients, int ops, int errors, long wallNanos, long[] latencies,
                  Machine.CpuUse cpu, Map<String, Double> threadCpu, ServerProcess.Pool pool, String firstError,
                  boolean capped) {

        /** Server CPU milliseconds per operation spent by one thread group (see ServerProcess.cpuGroup). */
        double threadCpuMillisPerOp(String group) {
            return ops == 0 ? Double.NaN : threadCpu.getOrDefault(group, 0.0) * 1000 / ops;
        }

        double perSecond() {
            return ops / (wallNanos / 1e9);
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * latencies.length);
            return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
        }

        /** Successful operations slower than {@code millis}. */
        long slowerThan(double millis) {
            return Arrays.stream(latencies).filter(nanos -> nanos > millis * 1e6).count();
        }

        double maxMillis() {
            return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
        }

        double meanMillis() {
            return latencies.length == 0 ? Double.NaN : Arrays.stream(latencies).average().orElse(0) / 1e6;
        }

        /** Server CPU milliseconds per operation. */
        double serverCpuMillisPerOp() {
            return ops == 0 ? Double.NaN : cpu.server() * 1000 / ops;
        }

        String line() {
            return String.format("%-44s C=%-3d %6d ops %4d err %7.1f ops/s  p50 %7.2f  p95 %7.2f  p99 %7.2f  "
                            + "max %8.2f ms  server %.2f cores, %.2f ms CPU/op; others %.2f cores%s",
                    name, clients, ops, errors, perSecond(), percentileMillis(50), percentileMillis(95),
                    percentileMillis(99), maxMillis(), cpu.serverCores(), serverCpuMillisPerOp(), cpu.otherCores(),
                    capped ? " (time cap)" : "");
        }
    }

    static Result run(String name, int clients, int count, Duration cap, ServerProcess server, Operation operation) {
        return run(name, clients, count, cap, server, operation, null);
    }

    /**
     * Like {@link #run(String, int, int, Duration, ServerProcess, Operation)}; {@code afterLastAnswer} (if not null)
     * runs as soon as every client has its last answer, e.g. to measure how far the read models are behind. The
     * throughput and latencies end at the last answer; the CPU figures (process and thread groups) and the pool's
     * counters run until {@code afterLastAnswer} has returned, so they include the work it waited for.
     */
    static Result run(String name, int clients, int count, Duration cap, ServerProcess server, Operation operation,
                      Runnable afterLastAnswer) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<long[][]> perClient = new ArrayList<>();
        int[] done = new int[clients];
        List<Thread> threads = new ArrayList<>();
        Usage usage = new Usage(server);
        long deadline = usage.startMark.nanos() + cap.toNanos();
        for (int c = 0; c < clients; c++) {
            long[][] latencies = {new long[Math.min(count, 1024)]};
            perClient.add(latencies);
            int client = c;
            threads.add(new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    int index = next.getAndIncrement();
                    if (index >= count) {
                        return;
                    }
                    Sample sample;
                    try {
                        sample = operation.run(index, client);
                    } catch (RuntimeException e) {
                        sample = new Sample(0, e.toString());
                    }
                    if (sample.error() != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, sample.error());
                    } else {
                        if (done[client] == latencies[0].length) {
                            latencies[0] = Arrays.copyOf(latencies[0], latencies[0].length * 2);
                        }
                        latencies[0][done[client]++] = sample.nanos();
                    }
                }
            }, name + "-" + c));
            threads.get(threads.size() - 1).setDaemon(true);
        }
        startAndJoin(threads);
        Used used = usage.end(afterLastAnswer);
        int total = 0;
        for (int c = 0; c < clients; c++) {
            total += done[c];
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c)[0], 0, all, at, done[c]);
            at += done[c];
        }
        Arrays.sort(all);
        boolean capped = total + errors.get() < count;
        Result result = new Result(name, clients, total + errors.get(), errors.get(), used.wallNanos(), all,
                used.cpu(), used.threadCpu(), used.pool(), firstError.get(), capped);
        System.out.println(result.line());
        if (result.firstError() != null) {
            System.out.println("    first error: " + result.firstError());
        }
        return result;
    }

    /**
     * An open-loop run: what {@link #openLoop} measured. {@code result}'s latencies run from each request's
     * <em>scheduled</em> send time to its answer (so a request that waited for a free harness thread, or behind a slow
     * server, counts all of its wait: no coordinated omission); {@code serviceNanos} from the actual send to the
     * answer, sorted. {@code scheduled}: requests whose send time came before the cap.
     */
    record OpenLoop(Result result, double rate, int scheduled, long[] serviceNanos, int threads) {

        double serviceMillis(double p) {
            if (serviceNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * serviceNanos.length);
            return serviceNanos[Math.max(0, Math.min(serviceNanos.length - 1, rank - 1))] / 1e6;
        }
    }

    /**
     * Open loop: request {@code i} is due at {@code start + i / rate} seconds, whatever the answers to the earlier ones
     * (a fixed arrival rate, as independent users arrive), sent by one of {@code threads} harness threads, until
     * {@code count} requests were sent or {@code cap} has passed; then every answer is waited for.
     * {@code afterLastAnswer} as in {@link #run(String, int, int, Duration, ServerProcess, Operation, Runnable)}.
     */
    static OpenLoop openLoop(String name, double rate, int count, Duration cap, int threads, ServerProcess server,
                             Operation operation, Runnable afterLastAnswer) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads,
                runnable -> {
                    Thread thread = new Thread(runnable, name + "-sender");
                    thread.setDaemon(true);
                    return thread;
                });
        long[] response = new long[count];
        long[] service = new long[count];
        boolean[] ok = new boolean[count];
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        Usage usage = new Usage(server);
        long start = usage.startMark.nanos();
        long deadline = start + cap.toNanos();
        int scheduled = 0;
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / rate);
            if (due >= deadline) {
                break;
            }
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int index = i;
            pool.execute(() -> {
                Sample sample;
                try {
                    sample = operation.run(index, 0);
                } catch (RuntimeException e) {
                    sample = new Sample(0, e.toString());
                }
                long answered = System.nanoTime();
                if (sample.error() != null) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, sample.error());
                } else {
                    response[index] = answered - due;
                    service[index] = sample.nanos();
                    ok[index] = true;
                }
            });
            scheduled++;
        }
        pool.shutdown();
        try {
            pool.awaitTermination(Http.TIMEOUT.toSeconds() * 2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Used used = usage.end(afterLastAnswer);
        long[] latencies = new long[scheduled];
        long[] services = new long[scheduled];
        int n = 0;
        // The pool has terminated: its threads' writes are visible here (its lock orders them before this).
        for (int i = 0; i < scheduled; i++) {
            if (ok[i]) {
                latencies[n] = response[i];
                services[n++] = service[i];
            }
        }
        latencies = Arrays.copyOf(latencies, n);
        services = Arrays.copyOf(services, n);
        Arrays.sort(latencies);
        Arrays.sort(services);
        Result result = new Result(name, threads, scheduled, errors.get(), used.wallNanos(), latencies, used.cpu(),
                used.threadCpu(), used.pool(), firstError.get(), scheduled < count);
        OpenLoop open = new OpenLoop(result, rate, scheduled, services, threads);
        System.out.println(result.line() + String.format("; target %.1f /s, service p50 %.2f p99 %.2f ms", rate,
                open.serviceMillis(50), open.serviceMillis(99)));
        if (result.firstError() != null) {
            System.out.println("    first error: " + result.firstError());
        }
        return open;
    }

    /** What the server used from a run's start: process CPU, CPU by thread group, the JDBC pool's counters. */
    private static final class Usage {

        private final ServerProcess server;
        private final ServerProcess.Pool poolBefore;
        private final Map<String, Double> threadsBefore;
        private final Machine.CpuMark startMark;

        Usage(ServerProcess server) {
            this.server = server;
            this.poolBefore = server.pool();
            this.threadsBefore = server.threadCpu();
            this.startMark = Machine.CpuMark.now(server.pid());
        }

        /**
         * At the last answer: the wall time ends there; the CPU and pool figures run on until {@code afterLastAnswer}
         * (if not null) has returned.
         */
        Used end(Runnable afterLastAnswer) {
            long lastAnswer = System.nanoTime();
            if (afterLastAnswer != null) {
                afterLastAnswer.run();
            }
            return new Used(lastAnswer - startMark.nanos(), Machine.CpuMark.now(server.pid()).since(startMark),
                    ServerProcess.threadCpuByGroup(threadsBefore, server.threadCpu()), server.pool().minus(poolBefore));
        }
    }

    private record Used(long wallNanos, Machine.CpuUse cpu, Map<String, Double> threadCpu, ServerProcess.Pool pool) {
    }

    /** Starts the threads and waits until every one has ended. */
    static void startAndJoin(List<Thread> threads) {
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
