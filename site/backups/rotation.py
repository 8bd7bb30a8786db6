"""Which backups are kept, and for how long: BACKUP_RETENTION_DAYS.

Personal data the retention jobs (or a coordinator) erase from the database stays in the
backups made before; the backups' own retention bounds how long. A backup made on day D (UTC)
is deleted by the first backup made on or after day D + BACKUP_RETENTION_DAYS, so data erased
on day E has left every backup by day E + BACKUP_RETENTION_DAYS (docs/backups.md).

Only a successful backup deletes older ones: if backups fail, the last good ones stay until the
next one succeeds, rather than leaving none. Nothing in the folder but backups (a name made of
their time) is ever touched.
"""

import datetime
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from backups.modes import make_private

# 20260315-041500, 20260315-041500-2 (same second), and either with .incomplete while written.
BACKUP_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6})(-\d+)?(?P<incomplete>\.incomplete)?$")


@dataclass(frozen=True)
class StoredBackup:
    path: Path
    made_at: datetime.datetime
    complete: bool

    @property
    def made_on(self):
        return self.made_at.date()

    def deleted_from(self, keep_days):
        """The first day whose backup deletes this one."""
        return self.made_on + datetime.timedelta(days=keep_days)


def stored_backups(directory):
    """The backups in `directory`, oldest first (their folder names say when, in UTC)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    backups = []
    for path in directory.iterdir():
        match = BACKUP_NAME.match(path.name)
        if not match or path.is_symlink() or not path.is_dir():
            continue
        made_at = datetime.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(
            tzinfo=datetime.UTC
        )
        backups.append(StoredBackup(path, made_at, complete=not match["incomplete"]))
    return sorted(backups, key=lambda backup: (backup.made_at, backup.path.name))


def rotate(directory, keep_days, *, newest, today):
    """Delete the backups made `keep_days` days or more before `today` (UTC), and what failed
    backups of earlier days left behind; never `newest`, the backup just made. Return the
    deleted folders. The kept ones are made private again (backups of older versions)."""
    deleted = []
    for backup in stored_backups(directory):
        if backup.path == Path(newest):
            continue
        expired = backup.deleted_from(keep_days) <= today
        left_by_a_failure = not backup.complete and backup.made_on < today
        if expired or left_by_a_failure:
            shutil.rmtree(backup.path)
            deleted.append(backup.path)
        elif backup.complete:
            make_private(backup.path)
    return deleted
