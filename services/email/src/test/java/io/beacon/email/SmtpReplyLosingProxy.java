package io.beacon.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay in front of the SMTP server that passes the whole conversation on, the message's end of data
 * ({@code CRLF.CRLF}) included, and then loses the server's answer to it: {@link Mode#DROP} closes the client's
 * connection (the relay has the message, the sender sees the connection break), {@link Mode#HOLD} keeps it open and
 * silent (the sender's read times out). Either way the message reached the relay and the sender cannot know it.
 */
final class SmtpReplyLosingProxy implements AutoCloseable {

    enum Mode { DROP, HOLD }

    private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

    private final ServerSocket listener;
    private final int target;
    private volatile Mode mode = Mode.DROP;

    SmtpReplyLosingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-reply-losing-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                var dataEnded = new AtomicBoolean();
                pump(client, server, dataEnded, true);
                pump(server, client, dataEnded, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Copies one direction; client to server watches for the end of data, server to client loses what follows it. */
    private void pump(Socket from, Socket to, AtomicBoolean dataEnded, boolean toServer) {
        Mode lose = mode;
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                int matched = 0;
                int read;
                while ((read = in.read(buffer)) != -1) {
                    if (toServer) {
                        for (int i = 0; i < read; i++) {
                            matched = buffer[i] == END_OF_DATA[matched] ? matched + 1 : (buffer[i] == '\r' ? 1 : 0);
                            if (matched == END_OF_DATA.length) {
                                dataEnded.set(true); // before the server can answer it
                                matched = 0;
                            }
                        }
                        out.write(buffer, 0, read);
                        out.flush();
                    } else if (dataEnded.get()) {
                        if (lose == Mode.DROP) {
                            to.close(); // the client's connection breaks instead of "250 OK"
                            return;
                        }
                        // HOLD: swallow the answer; the client waits until its read times out
                    } else {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // one side closed: the conversation is over
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                }
            }
        }, "smtp-proxy-" + (toServer ? "up" : "down"));
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
