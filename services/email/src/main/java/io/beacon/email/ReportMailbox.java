package io.beacon.email;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox the relay returns delivery reports to (the envelope sender of every email), read over IMAP every
 * {@code interval}. A report handled is deleted (its record is in {@link ReportJournal}); one that cannot be read is
 * moved to the unreadable folder for a person to look at, never deleted; one whose handling failed for now (consent,
 * profiles, the relay or Kafka unreachable) stays in the mailbox and is handled at the next pass.
 */
class ReportMailbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportMailbox.class);
    static final String VIA = "imap";

    private final ReportSettings.Imap imap;
    private final DeliveryReportHandling handling;
    private ScheduledExecutorService schedule;

    ReportMailbox(ReportSettings.Imap imap, DeliveryReportHandling handling) {
        this.imap = imap;
        this.handling = handling;
    }

    /** Reads the mailbox every interval, the first time one interval from now. */
    void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("report-mailbox").daemon().factory());
        long every = imap.interval().toMillis();
        schedule.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("delivery report mailbox pass failed; the next pass reads it again: {}", e.getMessage());
        }
    }

    /** One pass over the mailbox; returns how many reports it handled (unreadable ones included). */
    int poll() {
        var properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "10000");
        // TLS whenever the server offers it (a mailbox across the network does; the local GreenMail does not)
        properties.put("mail.imap.starttls.enable", "true");
        int handled = 0;
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect(imap.host(), imap.port(), imap.username(), imap.password());
            Folder inbox = store.getFolder(imap.folder());
            inbox.open(Folder.READ_WRITE);
            try {
                Folder unreadable = store.getFolder(imap.unreadableFolder());
                for (Message message : inbox.getMessages()) {
                    if (!message.isSet(Flags.Flag.DELETED) && handle(message, inbox, unreadable)) {
                        handled++;
                    }
                }
            } finally {
                inbox.close(true); // expunges what was handled
            }
        } catch (MessagingException e) {
            log.warn("delivery report mailbox {}:{} folder {} unreadable now ({}); read again in {}", imap.host(), imap.port(), imap.folder(),
                    e.getMessage(), imap.interval());
        }
        return handled;
    }

    private boolean handle(Message message, Folder inbox, Folder unreadable) throws MessagingException {
        // a local copy: parsed here, whatever the IMAP server makes of the structure
        MimeMessage report = new MimeMessage((MimeMessage) message);
        DeliveryReport read;
        try {
            read = DeliveryReports.read(report);
        } catch (DeliveryReports.Unreadable e) {
            if (!unreadable.exists()) {
                unreadable.create(Folder.HOLDS_MESSAGES);
            }
            inbox.copyMessages(new Message[] {message}, unreadable);
            message.setFlag(Flags.Flag.DELETED, true);
            handling.unreadable(e.reportId(), VIA, e.getMessage() + " (moved to the mailbox folder " + imap.unreadableFolder() + ")", null);
            return true;
        }
        try {
            handling.handle(read, VIA);
        } catch (RuntimeException e) {
            log.warn("delivery report {} stays in the mailbox, handled again at the next pass: {}", read.reportId(), e.getMessage());
            return false;
        }
        message.setFlag(Flags.Flag.DELETED, true);
        return true;
    }
}
