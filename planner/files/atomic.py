"""Folders that appear whole or not at all, and files replaced in one step.

A folder is written into a temporary sibling (``.<name>.tmp-<random>`` next to the
target) and renamed into place when complete. The rename is the moment of creation and
it is exclusive: renaming onto a folder that holds anything fails, so two writers with
the same target cannot both succeed, and nothing is ever overwritten. When writing fails
(a full disk, an interrupt, an error), the temporary sibling is removed: what is left
is either the complete folder or nothing that looks like one. A temporary sibling left by
a killed process is recognisable by its name (:func:`is_temporary`) and never read.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

TMP_MARK = ".tmp-"
_TMP_NAME = re.compile(r"^\..+\.tmp-[A-Za-z0-9_]+$")


class FolderError(OSError):
    """A target folder that cannot be created (taken, a file, read-only, disk full, ...).

    ``str()`` is a message in Indonesian naming the folder. An OSError, so that a caller
    that handles file-system failures handles this one too."""


class FolderTaken(FolderError):
    """The target already holds something (another run got there first)."""


def is_temporary(path: str | Path) -> bool:
    """A folder being written (or left by a writer that was killed)."""
    return bool(_TMP_NAME.match(Path(path).name))


def os_message(exc: OSError, path: str | Path) -> str:
    """An OSError in the committee's words."""
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC:
        what = "ruang disk penuh"
    elif code == errno.EDQUOT:
        what = "kuota disk habis"
    elif code in (errno.EACCES, errno.EPERM):
        what = "tidak ada izin menulis"
    elif code == errno.EROFS:
        what = "lokasi hanya-baca"
    elif code == errno.ENOTDIR:
        what = "salah satu bagian jalurnya adalah berkas, bukan folder"
    elif code == errno.ENAMETOOLONG:
        what = "nama terlalu panjang"
    elif code == errno.ENOENT:
        what = "tidak ditemukan, atau folder tidak dapat dibuat di lokasi ini"
    elif code == errno.EISDIR:
        what = "adalah folder, bukan berkas"
    else:
        what = f"galat sistem berkas ({exc.strerror or type(exc).__name__})"
    return f"{path}: {what}"


def _nearest_existing(path: Path) -> Path:
    p = path
    while not p.exists() and p != p.parent:
        p = p.parent
    return p


def check_target(target: str | Path) -> None:
    """Refuse a target that cannot become a new folder: an existing file, a folder that
    holds anything, a parent that is a file, or a location not writable. Cheap; done
    before any long work so that nobody waits for a solve whose result cannot be kept."""
    target = Path(target)
    if target.is_symlink() or target.exists():
        if not target.is_dir():
            raise FolderTaken(f"{target}: sudah ada sebagai berkas; sebutkan folder baru untuk hasilnya")
        try:
            if any(target.iterdir()):
                raise FolderTaken(f"{target}: folder sudah berisi; hasil tidak pernah menimpa isi yang ada, "
                                  "sebutkan folder baru")
        except PermissionError as exc:
            raise FolderError(os_message(exc, target)) from None
    anchor = _nearest_existing(target.parent)
    if not anchor.is_dir():
        raise FolderError(f"{target}: {anchor} adalah berkas, bukan folder")
    if not os.access(anchor, os.W_OK | os.X_OK):
        raise FolderError(f"{target}: tidak ada izin menulis di {anchor}")


class PendingFolder:
    """A folder being written: ``path`` is the temporary sibling; :meth:`commit` renames
    it to ``target``; :meth:`discard` removes it (and the parents it created). A writer
    calls ``discard`` on any exception, KeyboardInterrupt included.
    """

    def __init__(self, target: str | Path):
        self.target = Path(target)
        check_target(self.target)
        self._made_parents: list[Path] = []
        parent = self.target.parent
        missing = []
        p = parent
        while not p.exists() and p != p.parent:
            missing.append(p)
            p = p.parent
        try:
            for d in reversed(missing):
                d.mkdir()
                self._made_parents.append(d)
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}{TMP_MARK}", dir=parent))
        except FileExistsError:
            self._remove_parents()
            raise FolderError(f"{self.target}: {p} adalah berkas, bukan folder") from None
        except OSError as exc:
            self._remove_parents()
            raise FolderError(os_message(exc, self.target)) from None
        self.done = False

    def commit(self) -> Path:
        """Rename the finished folder into place; FolderTaken if something got there first
        (the temporary folder is then removed: this writer lost the race)."""
        try:
            return self.commit_once()
        except FolderError:
            self.discard()
            raise

    def commit_once(self) -> Path:
        """One attempt at the rename; on FolderTaken the temporary folder is kept (to retry)."""
        if self.done:
            return self.target
        try:
            os.chmod(self.path, 0o777 & ~_umask())  # mkdtemp makes it 0700: a run folder is an ordinary folder
            _rename_no_replace(self.path, self.target)
        except FolderError:
            raise
        except OSError as exc:
            self.discard()
            raise FolderError(os_message(exc, self.target)) from None
        self.done = True
        self._made_parents = []
        return self.target

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self._remove_parents()
        self.done = True

    def _remove_parents(self) -> None:
        for d in reversed(self._made_parents):
            try:
                d.rmdir()
            except OSError:
                break
        self._made_parents = []


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once, at import: os.umask cannot be read without setting it


def _umask() -> int:
    return _UMASK


def _rename_no_replace(src: Path, dst: Path) -> None:
    """Rename directory ``src`` to ``dst`` unless ``dst`` holds anything.

    POSIX rename() of a directory replaces only an *empty* directory and fails with
    ENOTEMPTY/EEXIST otherwise, which is what makes creation exclusive: of two writers
    racing for the same target, the second finds the first one's files there.
    """
    if dst.exists() and not dst.is_dir():
        raise FolderTaken(f"{dst}: sudah ada sebagai berkas; hasil tidak ditulis")
    try:
        if os.name == "nt" and dst.is_dir():  # Windows never renames onto an existing folder
            dst.rmdir()
        os.rename(src, dst)
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST) or (dst.is_dir() and any(dst.iterdir())):
            raise FolderTaken(f"{dst}: folder sudah dibuat oleh proses lain (mis. run bersamaan dengan --out "
                              "yang sama); hasil ini tidak ditulis agar tidak menimpa") from None
        raise


def claim_folder(target: str | Path, claim: str) -> Path:
    """Create ``target`` (or take an empty existing one) for a writer that fills it over
    time (a sweep, whose points are written into it by other processes): exclusive by
    creating the file ``claim`` in it with O_EXCL, so two writers cannot share it."""
    target = Path(target)
    check_target(target)
    try:
        target.mkdir(parents=True, exist_ok=True)
        fd = os.open(target / claim, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise FolderTaken(f"{target}: folder sudah dipakai oleh proses lain; sebutkan folder baru") from None
    except OSError as exc:
        raise FolderError(os_message(exc, target)) from None
    os.close(fd)
    return target


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (a reader never sees half a file)."""
    tmp = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def place_files(src: Path, dst: Path) -> None:
    """Move every file of the finished folder ``src`` into ``dst`` without replacing any:
    the whole folder when ``dst`` does not exist (one rename), else file by file with
    hard links (which fail on an existing name). All or nothing: on failure the files
    already placed are taken back; ``src`` is removed in every case."""
    try:
        if not dst.exists():
            os.chmod(src, 0o777 & ~_umask())
            try:
                _rename_no_replace(src, dst)
                return
            except FolderTaken:
                pass  # another writer made it meanwhile: place file by file below
        placed: list[Path] = []
        try:
            for f in sorted(src.iterdir()):
                target = dst / f.name
                try:
                    os.link(f, target)
                except FileExistsError:
                    raise FolderTaken(f"{target}: sudah ada; tidak ditimpa") from None
                except OSError:  # no hard links on this file system
                    if target.exists():
                        raise FolderTaken(f"{target}: sudah ada; tidak ditimpa") from None
                    shutil.copy2(f, target)
                placed.append(target)
        except BaseException:
            for p in placed:
                p.unlink(missing_ok=True)
            raise
    finally:
        shutil.rmtree(src, ignore_errors=True)
