package org.popline.web;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One of Popline's HTTP surfaces on Jetty, bounded in every direction: a fixed pool of threads, a cap on open
 * connections, an idle timeout that also ends half-sent requests, limits on header and body
 * size (413 beyond), a {@link HostAllowlist} in front of everything, and TLS when given a context. Jetty reads
 * requests on its selector without holding a thread, so slow or idle clients cost a socket, not a thread.
 */
public final class WebServer implements AutoCloseable {

    /**
     * @param maxThreads     threads serving requests (Jetty's selector and acceptor included)
     * @param maxConnections connections open at once; further ones wait in the kernel's backlog
     * @param idleTimeout    a connection (or a half-sent request) silent this long is closed
     * @param maxHeaderBytes request line and headers together
     * @param maxBodyBytes   a request body beyond this is answered 413
     */
    public record Limits(int maxThreads, int maxConnections, Duration idleTimeout, int maxHeaderBytes,
            long maxBodyBytes) {
        /** Enough for an operator's tools or a floor of agents' pages, small enough for a lab machine. */
        public static final Limits DEFAULT = new Limits(24, 1024, Duration.ofSeconds(30), 8 * 1024, 64 * 1024);
    }

    /**
     * Where a surface listens and under which names.
     *
     * @param port  0: any free one
     * @param hosts the names and addresses it answers to (see {@link HostAllowlist#ownNames})
     * @param tls   the server's certificate and key, or empty for plain HTTP
     */
    public record Listen(InetAddress bind, int port, Collection<String> hosts, Optional<SSLContext> tls) {
        public Listen {
            hosts = List.copyOf(hosts);
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;

    private WebServer(Server server, ServerConnector connector, boolean tls) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
    }

    /**
     * Starts serving {@code handler}.
     *
     * @param name names the threads, e.g. {@code admin-http}
     */
    public static WebServer start(String name, Listen listen, Limits limits, Handler handler) throws IOException {
        InetAddress bind = listen.bind();
        int port = listen.port();
        Optional<SSLContext> tls = listen.tls();
        // Jetty wants its job queue unbounded (it queues its own tasks there too); the connection cap bounds it.
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(4, limits.maxThreads()));
        threads.setName(name);
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ConnectionFactory[] factories;
        if (tls.isPresent()) {
            // The Host allowlist does what SNI host checking would; lab certificates are reached by IP (no SNI).
            http.addCustomizer(new SecureRequestCustomizer(false, -1, false));
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls.get());
            factories = new ConnectionFactory[] {new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http)};
        } else {
            factories = new ConnectionFactory[] {new HttpConnectionFactory(http)};
        }
        ServerConnector connector = new ServerConnector(server, 1, 1, factories);
        connector.setHost(bind.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        SizeLimitHandler bodyLimit = new SizeLimitHandler(limits.maxBodyBytes(), -1);
        // A form is read in full without a thread before the handler runs: a client that sends half a body
        // holds a socket until the idle timeout, never one of the few threads.
        bodyLimit.setHandler(new EagerContentHandler(handler, new EagerContentHandler.FormContentLoaderFactory(
                RequestParts.MAX_FORM_FIELDS, (int) limits.maxBodyBytes())));
        server.setHandler(new HostAllowlist(listen.hosts(), bodyLimit));
        server.setErrorHandler(WebServer::jsonError);
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (Exception e) {
            stop(server);
            throw new IOException("cannot serve HTTP on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        return new WebServer(server, connector, tls.isPresent());
    }

    /** Jetty's own refusals (413, 400, 431...) answered as JSON like every other error. */
    private static boolean jsonError(Request request, org.eclipse.jetty.server.Response response,
            org.eclipse.jetty.util.Callback callback) {
        Object status = request.getAttribute(ErrorHandler.ERROR_STATUS);
        int code = status instanceof Integer i ? i : response.getStatus();
        Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        String reason = HttpStatus.getMessage(code);
        Answers.error(response, callback, code, message == null ? reason : message.toString());
        return true;
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping what did not start has nothing left to release.
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public boolean tls() {
        return tls;
    }

    @Override
    public void close() {
        stop(server);
    }
}
