package io.newsflow.enrich.streams;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of one server, for fault tests: while {@link #close() closed} it hangs up on every connection
 * (and drops the open ones), as a server that is down would. Lets a test keep a client away from a server it is
 * repairing (re-registering schemas in a registry that lost them) before opening the way again.
 */
final class GatedProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean passing = true;
    private volatile boolean stopped;

    GatedProxy(URI upstreamUrl) throws IOException {
        upstream = new InetSocketAddress(upstreamUrl.getHost(), upstreamUrl.getPort());
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("gated-proxy-accept").start(this::accept);
    }

    /** The upstream URL with the proxy's host and port. */
    String url(URI upstreamUrl) {
        return URI.create(upstreamUrl.getScheme() + "://127.0.0.1:" + listener.getLocalPort() + upstreamUrl.getRawPath())
                .toString();
    }

    void shut() {
        passing = false;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    void pass() {
        passing = true;
    }

    private void accept() {
        while (!stopped) {
            try {
                Socket client = listener.accept();
                if (!passing) {
                    closeQuietly(client);
                    continue;
                }
                Thread.ofVirtual().start(() -> connect(client));
            } catch (IOException e) {
                if (!stopped) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(upstream, 2000);
        } catch (IOException e) {
            closeQuietly(server);
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(server);
        Thread.ofVirtual().start(() -> pump(client, server));
        pump(server, client);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        listener.close();
        shut();
    }
}
