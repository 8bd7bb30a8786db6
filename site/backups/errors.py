"""What stops a backup or a restore; the message, in French, tells the operator what to do."""


class BackupError(Exception):
    """Something prevents the backup or the restore; the message says what."""
