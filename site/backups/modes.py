"""Backups and restored private files are readable by the account that runs the site only.

Folders 0700, files 0600, whatever the umask: set while writing (private_umask, which pg_dump and
gpg inherit too) and again afterwards (make_private), for a folder that existed before with
another mode.
"""

import os
from contextlib import contextmanager
from pathlib import Path

PRIVATE_DIRECTORY_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


@contextmanager
def private_umask():
    """Every file and folder created meanwhile, by us or a program we start, is its owner's."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def make_private(root):
    """`root` and everything under it readable by their owner only."""
    root = Path(root)
    root.chmod(PRIVATE_DIRECTORY_MODE)
    for parent, directories, files in os.walk(root):
        for name in directories:
            (Path(parent) / name).chmod(PRIVATE_DIRECTORY_MODE)
        for name in files:
            (Path(parent) / name).chmod(PRIVATE_FILE_MODE)
