package com.shipjoy.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A poor man's profiler: thread dumps of the server ({@code Thread.print -l}) taken while it is under load, each
 * thread of interest put in one category by what it is doing. Counting samples per category shows where the request
 * threads spend their time: waiting for the append lock, holding it, in H2, in Hibernate, idle, …
 */
final class ThreadSampler {

    private static final Pattern HEADER = Pattern.compile("^\"([^\"]+)\"");
    private static final Pattern PARKED_ON = Pattern.compile("- parking to wait for\\s+<(0x[0-9a-f]+)> \\(a ([^)]+)\\)");
    private static final Pattern OWNS = Pattern.compile("- <(0x[0-9a-f]+)> \\(a ([^)]+)\\)");

    private final ServerProcess server;
    private final List<String> dumps = new ArrayList<>();
    private long dumpNanos;

    ThreadSampler(ServerProcess server) {
        this.server = server;
    }

    /**
     * Thread dumps every ~100 ms (after the first 500 ms) while {@code load} runs; with {@code keep} the dumps are
     * written there as 000.txt, 001.txt, …
     */
    static Profile during(ServerProcess server, java.util.function.Supplier<Load.Result> load,
                          java.nio.file.Path keep) {
        ThreadSampler sampler = new ThreadSampler(server);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sampling = new Thread(() -> {
            ServerProcess.sleep(500);
            while (!stop.get()) {
                sampler.sample();
                ServerProcess.sleep(100);
            }
        }, "sampler");
        sampling.setDaemon(true);
        sampling.start();
        Load.Result result;
        try {
            result = load.get();
        } finally {
            stop.set(true);
        }
        try {
            sampling.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (keep != null) {
            try {
                java.nio.file.Files.createDirectories(keep);
                for (int i = 0; i < sampler.dumps().size(); i++) {
                    java.nio.file.Files.writeString(keep.resolve(String.format("%03d.txt", i)),
                            sampler.dumps().get(i));
                }
            } catch (java.io.IOException e) {
                System.out.println("Could not keep the thread dumps: " + e);
            }
        }
        return sampler.profile(result);
    }

    void sample() {
        long start = System.nanoTime();
        String dump = server.jcmd("Thread.print -l");
        dumpNanos += System.nanoTime() - start;
        if (dump.contains("\"main\"") || dump.contains("Full thread dump")) {
            synchronized (dumps) {
                dumps.add(dump);
            }
        }
    }

    /** Dumps saved earlier (e.g. with --keep-data), to classify again. */
    void add(String dump) {
        dumps.add(dump);
    }

    List<String> dumps() {
        return dumps;
    }

    /** One thread in one dump. */
    record ThreadState(String name, String state, List<String> frames, String parkedOn, String parkedOnType,
                       List<String> owns) {
    }

    static List<ThreadState> parse(String dump) {
        List<ThreadState> threads = new ArrayList<>();
        String[] blocks = dump.split("\n(?=\")");
        for (String block : blocks) {
            Matcher header = HEADER.matcher(block);
            if (!header.find()) {
                continue;
            }
            String state = "";
            List<String> frames = new ArrayList<>();
            String parkedOn = null;
            String parkedOnType = null;
            List<String> owns = new ArrayList<>();
            boolean ownable = false;
            for (String raw : block.split("\n")) {
                String line = raw.strip();
                if (line.startsWith("java.lang.Thread.State:")) {
                    state = line.substring("java.lang.Thread.State:".length()).strip();
                } else if (line.startsWith("at ")) {
                    frames.add(line.substring(3));
                } else if (line.startsWith("Locked ownable synchronizers:")) {
                    ownable = true;
                } else if (line.startsWith("- parking to wait for")) {
                    Matcher m = PARKED_ON.matcher(line);
                    if (m.find()) {
                        parkedOn = m.group(1);
                        parkedOnType = m.group(2);
                    }
                } else if (ownable && line.startsWith("- <")) {
                    Matcher m = OWNS.matcher(line);
                    if (m.find()) {
                        owns.add(m.group(1));
                    }
                }
            }
            threads.add(new ThreadState(header.group(1), state, frames, parkedOn, parkedOnType, owns));
        }
        return threads;
    }

    /** Where the sampled threads were, by group (request threads, event processors, …) and category. */
    record Profile(Load.Result load, int samples, double dumpMillis, boolean attachApi,
                   Map<String, Map<String, Integer>> groups, Map<String, Integer> threadSamples) {

        double percent(String group, String category) {
            int total = threadSamples.getOrDefault(group, 0);
            return total == 0 ? 0 : 100.0 * groups.get(group).getOrDefault(category, 0) / total;
        }

        /** Average number of threads of the group in the category at any moment. */
        double average(String group, String category) {
            return samples == 0 ? 0 : (double) groups.get(group).getOrDefault(category, 0) / samples;
        }
    }

    Profile profile(Load.Result load) {
        Map<String, Map<String, Integer>> groups = new LinkedHashMap<>();
        Map<String, Integer> threadSamples = new TreeMap<>();
        for (String dump : dumps) {
            List<ThreadState> threads = parse(dump);
            String appendLock = appendLock(threads);
            for (ThreadState thread : threads) {
                String group = group(thread);
                if (group == null) {
                    continue;
                }
                String category = category(thread, appendLock);
                groups.computeIfAbsent(group, g -> new TreeMap<>()).merge(category, 1, Integer::sum);
                threadSamples.merge(group, 1, Integer::sum);
            }
        }
        return new Profile(load, dumps.size(), dumps.isEmpty() ? 0 : dumpNanos / 1e6 / dumps.size(),
                server != null && server.usesAttachApi(), groups, threadSamples);
    }

    /** The address of OrderedAppends' lock in this dump: what threads inside appendEvents are parked on. */
    static String appendLock(List<ThreadState> threads) {
        for (ThreadState thread : threads) {
            if (thread.parkedOn() != null && thread.frames().stream()
                    .anyMatch(frame -> frame.startsWith("com.shipjoy.embedded.OrderedAppends.appendEvents"))) {
                return thread.parkedOn();
            }
        }
        return null;
    }

    static String group(ThreadState thread) {
        String name = thread.name();
        if (name.startsWith("boundedElastic")) {
            return "request threads (boundedElastic: command handlers)";
        }
        if (name.startsWith("EventProcessor[receipt-posting]")) {
            return "receipt-posting processor (re-posts each receipt's lines)";
        }
        if (name.startsWith("EventProcessor[order-allocation]")) {
            return ALLOCATION_GROUP;
        }
        if (name.startsWith("EventProcessor[")) {
            return "projection threads (inventory, stock-ledger; in (i) also orders, order-history, backorders, "
                    + "tasks, shipments, labor)";
        }
        if (name.startsWith("EmbeddedEventStore") && contains(thread.frames(), "org.axonframework.eventsourcing."
                + "eventstore.EmbeddedEventStore$EventProducer")) {
            return "event-store reader (EmbeddedEventStore's producer: reads new events for every tracking "
                    + "processor)";
        }
        return null;
    }

    static final String ALLOCATION_GROUP = "allocation process (order-allocation: one thread reserves stock, queues "
            + "backorders and releases orders, in event-store order)";
    static final String APPEND_LOCK = "waits for the append lock (OrderedAppends)";
    private static final String EVENT_STORE = "org.axonframework.eventsourcing.eventstore.";
    static final String CONNECTION = "waits for a JDBC connection (HikariCP pool)";

    static String category(ThreadState thread, String appendLock) {
        List<String> frames = thread.frames();
        boolean holdsAppendLock = appendLock != null && thread.owns().contains(appendLock);
        String prefix = holdsAppendLock ? "holds the append lock: " : "";
        if (!holdsAppendLock && appendLock != null && appendLock.equals(thread.parkedOn())) {
            return APPEND_LOCK;
        }
        if (contains(frames, "com.zaxxer.hikari.pool.HikariPool.getConnection")) {
            return prefix + CONNECTION;
        }
        if (thread.parkedOn() != null && contains(frames, "org.axonframework.common.lock.")) {
            return prefix + "waits for an aggregate lock";
        }
        // Frames are matched by prefix: the class names must be complete.
        if (contains(frames, EVENT_STORE + "EmbeddedEventStore$EventConsumer.peekGlobalStream")
                || contains(frames, EVENT_STORE + "EmbeddedEventStore$EventProducer.waitForData")) {
            return prefix + "waits for new events";
        }
        if (frames.isEmpty() || isIdle(frames)) {
            return prefix + "idle";
        }
        // Anywhere in the stack, before the first-frame rules below: the top frames of a commit or a page read are
        // H2's file system (the async: one hands each read and write to a thread pool and waits for it).
        if (contains(frames, "org.h2.mvstore.MVStore.commit") || contains(frames, "org.h2.mvstore.MVStore.store")
                || contains(frames, "org.h2.mvstore.MVStore.tryCommit")) {
            return prefix + (contains(frames, "org.h2.store.fs.") ? "in H2 commit: writes the changed pages to the "
                    + "file" : thread.parkedOn() != null ? "waits for H2's store lock (commit)"
                    : "in H2 commit (writes the changed pages)");
        }
        if (contains(frames, "org.h2.mvstore.FileStore.readPage")) {
            return prefix + "in H2 (SQL): reads a page from the file (not in H2's cache)";
        }
        for (String frame : frames) {
            if (frame.startsWith("org.h2.mvstore.MVStore.commit") || frame.startsWith("org.h2.mvstore.MVStore.store")
                    || frame.startsWith("org.h2.mvstore.MVStore.tryCommit")) {
                return prefix + (thread.parkedOn() != null ? "waits for H2's store lock (commit)"
                        : "in H2 commit (writes the changed pages)");
            }
            if (frame.startsWith("org.h2.")) {
                return prefix + "in H2 (SQL)";
            }
            if (frame.startsWith("com.zaxxer.hikari.")) {
                return prefix + "in HikariCP (returning a connection)";
            }
            if (frame.startsWith("org.hibernate.")) {
                return prefix + "in Hibernate (JPA)";
            }
            if (frame.startsWith("com.mongodb.internal.connection.SocketStream.read")) {
                return prefix + "waits for the MongoDB server's answer";
            }
            if (frame.startsWith("com.mongodb.") || frame.startsWith("org.bson.")
                    || frame.startsWith("org.springframework.data.mongodb.")) {
                return prefix + "in the MongoDB driver";
            }
            if (frame.startsWith("com.fasterxml.jackson.")) {
                return prefix + "in Jackson (serialization)";
            }
            if (frame.startsWith("org.axonframework.") || frame.startsWith("com.shipjoy.")) {
                return prefix + "in Axon / application code";
            }
        }
        return prefix + "other: " + shortFrame(frames.get(0));
    }

    private static boolean isIdle(List<String> frames) {
        String top = String.join("\n", frames.subList(0, Math.min(frames.size(), 12)));
        boolean inApplication = frames.stream().anyMatch(frame -> frame.startsWith("org.axonframework.")
                || frame.startsWith("com.shipjoy.") || frame.startsWith("org.h2.") || frame.startsWith("com.mongodb."));
        return !inApplication && (top.contains("ThreadPoolExecutor.getTask")
                || top.contains("DelayedWorkQueue.take") || top.contains("io.netty.channel.epoll.Native.epollWait")
                || top.contains("sun.nio.ch.EPoll.wait") || top.contains("SelectorImpl.select"));
    }

    private static boolean contains(List<String> frames, String prefix) {
        return frames.stream().anyMatch(frame -> frame.startsWith(prefix));
    }

    private static String shortFrame(String frame) {
        int paren = frame.indexOf('(');
        return paren > 0 ? frame.substring(0, paren) : frame;
    }
}
