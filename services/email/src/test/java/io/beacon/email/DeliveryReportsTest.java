package io.beacon.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading report mails with Jakarta Mail: what a DSN and an ARF report say, and why a malformed one is refused. */
class DeliveryReportsTest {

    private static final String SENT = "<0123456789abcdef0123456789abcdef@bank.example>";

    @Test
    void aDsnNamesTheReturnedMessageItsStatusAndRecipient() throws Exception {
        DeliveryReport report = DeliveryReports.read(ReportMails.parse(ReportMails.dsn("<dsn-1@mx.example.com>", SENT, "jane.doe@example.com", "failed", "5.1.1")));

        assertThat(report).isEqualTo(new DeliveryReport.Bounce("<dsn-1@mx.example.com>", SENT, "5.1.1", "failed", "jane.doe@example.com"));
        assertThat(((DeliveryReport.Bounce) report).permanent()).isTrue();
    }

    @Test
    void aTransientStatusIsASoftBounce() throws Exception {
        var report = (DeliveryReport.Bounce) DeliveryReports.read(ReportMails.parse(
                ReportMails.dsn("<dsn-2@mx.example.com>", SENT, "jane.doe@example.com", "delayed", "4.2.2")));

        assertThat(report.permanent()).isFalse();
        assertThat(report.transientFailure()).isTrue();
    }

    @Test
    void anArfReportNamesTheMessageTheRecipientComplainedAbout() throws Exception {
        DeliveryReport report = DeliveryReports.read(ReportMails.parse(ReportMails.arf("<arf-1@mailbox.example>", SENT, "abuse")));

        assertThat(report).isEqualTo(new DeliveryReport.Complaint("<arf-1@mailbox.example>", SENT, "abuse"));
        assertThat(((DeliveryReport.Complaint) report).objects()).isTrue();
        assertThat(((DeliveryReport.Complaint) DeliveryReports.read(ReportMails.parse(ReportMails.arf("<arf-2@m>", SENT, "not-spam")))).objects())
                .isFalse();
    }

    @Test
    void malformedReportsAreRefusedNamingWhatIsWrong() {
        String dsn = ReportMails.dsn("<dsn-3@mx.example.com>", SENT, "jane.doe@example.com", "failed", "5.1.1");
        assertThatThrownBy(() -> DeliveryReports.read(ReportMails.parse("Message-ID: <plain@x>\r\nSubject: hello\r\n\r\nnot a report\r\n")))
                .isInstanceOf(DeliveryReports.Unreadable.class).hasMessageContaining("not a report: text/plain instead of multipart/report");
        assertThatThrownBy(() -> DeliveryReports.read(ReportMails.parse(dsn.replace("report-type=delivery-status", "report-type=disposition-notification"))))
                .hasMessageContaining("report-type 'disposition-notification' is neither");
        assertThatThrownBy(() -> DeliveryReports.read(ReportMails.parse(dsn.replace("Message-ID: " + SENT, "X-No-Id: none"))))
                .hasMessageContaining("no original message headers with a Message-ID");
        assertThatThrownBy(() -> DeliveryReports.read(ReportMails.parse(dsn.replace("Status: 5.1.1", "Status: bounced"))))
                .hasMessageContaining("Status 'bounced' is not an RFC 3463 status code");
        assertThatThrownBy(() -> DeliveryReports.read(ReportMails.parse(dsn.replace("Content-Type: message/delivery-status", "Content-Type: text/plain"))))
                .hasMessageContaining("without a message/delivery-status part");
        assertThatThrownBy(() -> DeliveryReports.read(ReportMails.parse(ReportMails.arf("<arf-3@m>", SENT, "abuse").replace("Feedback-Type: abuse\r\n", ""))))
                .hasMessageContaining("without Feedback-Type");
        assertThatThrownBy(() -> DeliveryReports.read(ReportMails.parse(dsn.replace("--=_dsn_boundary--", "").replace("--=_dsn_boundary", "--other"))))
                .isInstanceOf(DeliveryReports.Unreadable.class);
    }
}
