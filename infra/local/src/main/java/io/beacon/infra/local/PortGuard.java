package io.beacon.infra.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Probes ports before anything starts, so a clash is reported with the component's name
 * instead of surfacing as a bind error deep inside Kafka or Netty after half the suite is up.
 */
final class PortGuard {

    private PortGuard() {
    }

    static void requireFree(InfraSettings settings, List<InfraComponent> components) {
        Map<Integer, String> claimed = new HashMap<>();
        for (InfraComponent component : components) {
            for (String key : component.portKeys()) {
                int port = settings.port(key);
                String previous = claimed.putIfAbsent(port, key);
                if (previous != null) {
                    throw new InfraStartupException("Port " + port + " is configured for both " + previous + " and " + key
                            + " (beacon.infra." + key + ".port)");
                }
                // Zeebe's gateway binds every interface, so a listener on any of them would clash.
                boolean wildcard = key.equals(InfraSettings.ZEEBE);
                if (!isFree(port, wildcard)) {
                    throw portTaken(key, port);
                }
            }
        }
    }

    static InfraStartupException portTaken(String key, int port) {
        return new InfraStartupException("Cannot start " + key + ": port " + port + " is already in use"
                + " (is another Beacon infrastructure running? set -Dbeacon.infra." + key + ".port=<free port>)");
    }

    static boolean isFree(int port, boolean wildcard) {
        try (ServerSocket socket = new ServerSocket()) {
            // Without SO_REUSEADDR a port in TIME_WAIT after a quick restart would look taken.
            socket.setReuseAddress(true);
            InetSocketAddress address = wildcard
                    ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
