"""Which reminders of the reviews app are due (see notifications/reminders.py for the contract)."""


def due_reminders(now):
    return []
