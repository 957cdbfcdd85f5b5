"""Which reminders of the feedback app are due (see notifications/reminders.py for the contract)."""


def due_reminders(now):
    return []
