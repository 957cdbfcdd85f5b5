"""Reminder e-mails: a stable Message-ID per ledger row, one SMTP connection per sweep, failures sorted.

The circuit breaker stops the sweep's e-mailing (the rest wait for the next sweep without
losing an attempt) when the mail server
- cannot be reached, times out or drops the connection (once is enough: every other
  attempt would cost EMAIL_TIMEOUT again),
- fails three times in a row otherwise (4xx, a refused sender, a refused message, ...),
- refuses REMINDER_MAIL_REFUSALS_TO_STOP different recipients for good (5xx) in a row,
  with no message accepted in between: a relay that refuses everyone is misconfigured,
  the recipients are not all wrong (`refusing_everyone`).
"""

import logging
import smtplib
from dataclasses import dataclass
from urllib.parse import urlsplit

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

FAILURES_BEFORE_BREAKING = 3


def message_id(ledger_id: int) -> str:
    """The same for every attempt of one ledger row, so a resend is recognisably the same message."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    tag = salted_hmac("notifications.reminder-message-id", str(ledger_id)).hexdigest()[:12]
    return f"<reminder.{ledger_id}.{tag}@{domain}>"


def build(*, ledger_id: int, recipient, subject: str, body: str) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=body,
        to=[recipient.email],
        headers={
            "Message-ID": message_id(ledger_id),
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )


@dataclass(frozen=True)
class Outcome:
    sent: bool
    permanent: bool = False  # the server refused this message for good (5xx for the recipient)
    error: str = ""


SENT = Outcome(sent=True)


class Mailer:
    """Sends one message at a time over a connection it opens lazily and reopens after a failure."""

    def __init__(self):
        self.connection = None
        self.failures_in_a_row = 0
        self.refused_in_a_row: set[str] = (
            set()
        )  # recipients refused for good since the last accepted message
        self.refusing_everyone = False
        self.broken = False  # the circuit breaker: no more attempts in this sweep

    def send(self, message: EmailMessage) -> Outcome:
        try:
            if self.connection is None:
                self.connection = get_connection(fail_silently=False)
                self.connection.open()  # opened here, it stays open for the whole sweep
            if self.connection.send_messages([message]) != 1:
                raise smtplib.SMTPException("the mail backend did not accept the message")
        except SoftTimeLimitExceeded:
            raise
        except smtplib.SMTPRecipientsRefused as error:
            permanent = _all_permanent(error)
            if permanent:
                self._refused(message.recipients())
            return self._failed(error, permanent=permanent, server_fault=False)
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError) as error:
            return self._failed(error, permanent=False, server_fault=True)
        except (
            smtplib.SMTPException
        ) as error:  # the server answered, but refused (e.g. 451 try again later)
            return self._failed(error, permanent=False, server_fault=False)
        except (
            Exception
        ) as error:  # timeouts, refused or dropped connections: the server is unreachable
            return self._failed(error, permanent=False, server_fault=True)
        self.failures_in_a_row = 0
        self.refused_in_a_row.clear()
        return SENT

    def close(self, *, wait: bool = True) -> None:
        """Say goodbye (QUIT); with wait=False just drop the connection, as after a soft time limit."""
        if not wait:
            self._abandon()
        elif self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # closing a dead connection must not hide the real outcome
                logger.debug("closing the mail connection failed", exc_info=True)
            self.connection = None

    def _abandon(self) -> None:
        """Drop the connection without a polite QUIT, which a hanging server would make us wait for again."""
        smtp = getattr(self.connection, "connection", None)
        if smtp is not None:
            try:
                smtp.close()
            except Exception:
                logger.debug("closing the SMTP socket failed", exc_info=True)
            self.connection.connection = None
        self.connection = None

    def _refused(self, recipients: list[str]) -> None:
        self.refused_in_a_row.update(address.lower() for address in recipients)
        if len(self.refused_in_a_row) >= settings.REMINDER_MAIL_REFUSALS_TO_STOP:
            self.refusing_everyone = self.broken = True

    def _failed(self, error, *, permanent: bool, server_fault: bool) -> Outcome:
        self._abandon()
        if not permanent:
            self.failures_in_a_row += 1
        if server_fault or self.failures_in_a_row >= FAILURES_BEFORE_BREAKING:
            self.broken = True
        text = f"{type(error).__name__}: {error}"[:2000]
        logger.warning("reminder e-mail failed: %s", text)
        return Outcome(sent=False, permanent=permanent, error=text)


def _all_permanent(error: smtplib.SMTPRecipientsRefused) -> bool:
    codes = [code for code, _message in error.recipients.values()]
    return bool(codes) and all(500 <= code < 600 for code in codes)
