package io.beacon.infra.local;

import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/** SMTP and IMAP (GreenMail) that accept any sender, recipient and login, and keep every message in memory. */
final class MailServer implements InfraComponent {

    private static final String HOST = "127.0.0.1";

    private final int smtpPort;
    private final int imapPort;
    private GreenMail greenMail;

    MailServer(InfraSettings settings) {
        this.smtpPort = settings.port(InfraSettings.SMTP);
        this.imapPort = settings.port(InfraSettings.IMAP);
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public List<String> portKeys() {
        return List.of(InfraSettings.SMTP, InfraSettings.IMAP);
    }

    @Override
    public void start() {
        GreenMail created = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP)})
                // services authenticate with whatever credentials their config holds; none should be rejected
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail = created;
        created.start();
    }

    @Override
    public void stop() {
        GreenMail running = greenMail;
        greenMail = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public String address() {
        return "smtp://" + HOST + ":" + smtpPort + " imap://" + HOST + ":" + imapPort;
    }

    @Override
    public Map<String, String> readyEntries() {
        return Map.of(
                "smtp.host", HOST,
                "smtp.port", String.valueOf(smtpPort),
                "imap.port", String.valueOf(imapPort));
    }

    MimeMessage[] receivedMessages() {
        GreenMail running = greenMail;
        return running == null ? new MimeMessage[0] : running.getReceivedMessages();
    }

    void purge() throws Exception {
        GreenMail running = greenMail;
        if (running != null) {
            running.purgeEmailFromAllMailboxes();
        }
    }
}
