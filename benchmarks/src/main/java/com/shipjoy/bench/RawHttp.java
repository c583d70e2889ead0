package com.shipjoy.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket to 127.0.0.1, for scenario (h): unlike java.net.http (on
 * Java 17) it can send a request and then hang up before the answer, as a load generator does when it stops with
 * requests in flight. Requests are written whole; answers are read with Content-Length or chunked encoding.
 */
final class RawHttp implements AutoCloseable {

    /** How long a read may wait for an answer before the harness gives up on it (and closes the connection). */
    static final int READ_TIMEOUT_MS = 60_000;

    private final int port;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private long sent;
    /** Whether a byte of the answer to the last request has been read; read by the thread that hangs up. */
    private volatile boolean answering;

    RawHttp(int port) throws IOException {
        this.port = port;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = socket.getOutputStream();
    }

    /** Writes a whole POST request with a JSON body (Basic credentials: password = name) and returns at once. */
    void post(String user, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                .getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        sent = System.nanoTime();
        answering = false;
        out.write(request);
        out.flush();
    }

    /** Reads the answer to the request written last; the round trip is measured from that write. */
    Http.Response read() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("Connection closed by the server");
        }
        answering = true;
        String statusLine = (char) first + line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        long position = -1;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "x-event-position" -> position = Long.parseLong(value);
                default -> {
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0;
                 size = Long.parseLong(line().split(";")[0].strip(), 16)) {
                copy(size, body);
                line();
            }
            while (!line().isEmpty()) {
                // Trailers: none expected, skipped.
            }
        } else if (length > 0) {
            copy(length, body);
        }
        return new Http.Response(status, body.toString(StandardCharsets.UTF_8), position, System.nanoTime() - sent);
    }

    /**
     * Whether the answer to the last request has begun to arrive (then it was not abandoned in flight). Safe to call
     * from another thread while one waits in {@link #read}: no lock (BufferedInputStream.available() would wait for
     * that read to return).
     */
    boolean answerStarted() {
        return answering;
    }

    /** Closes the connection without reading what is pending: a client that hangs up. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Gone either way.
        }
    }

    private void copy(long length, ByteArrayOutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("Connection closed in the middle of an answer");
            }
            to.write(buffer, 0, n);
            left -= n;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("Connection closed by the server");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
    }
}
