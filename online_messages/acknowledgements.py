"""The visitor's confirmation email (MESSAGE_ACKNOWLEDGE)."""


def queue_acknowledgement(message):
    """Once committed, queue the confirmation for a new message, if it gets one."""
