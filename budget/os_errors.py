"""Why an operating-system call failed, as a phrase of the catalogue: read by every reader and
writer that opens a file, so it lives in the kernel, not in the output layer."""

from __future__ import annotations

import errno

from budget.messages import Phrase

_REASONS = {
    errno.ENOSPC: "ENOSPC",
    errno.EDQUOT: "EDQUOT",
    errno.EFBIG: "EFBIG",
    errno.EACCES: "EACCES",
    errno.EPERM: "EACCES",
    errno.EROFS: "EROFS",
    errno.ENAMETOOLONG: "ENAMETOOLONG",
    errno.EIO: "EIO",
    errno.EBUSY: "EBUSY",
    errno.ETXTBSY: "EBUSY",
    errno.ELOOP: "ELOOP",
    errno.ENOENT: "ENOENT",
    errno.ENOTDIR: "ENOENT",
    errno.EMFILE: "EMFILE",
    errno.ENFILE: "EMFILE",
}


def os_reason(e: OSError) -> Phrase:
    """Why an OS call failed, in Vietnamese with what to do: never the English ``strerror``."""
    key = _REASONS.get(e.errno or 0)
    if key is not None:
        return Phrase(f"OS_REASON.{key}", {})
    return Phrase("OS_REASON.OTHER", {"code": errno.errorcode.get(e.errno or 0, "?")})


def os_error_in(e: BaseException) -> OSError | None:
    """The OS error behind ``e``: itself, or wrapped by a library (XlsxWriter's
    ``FileCreateError(OSError)``), as an argument, a cause or a context."""
    seen: set[int] = set()
    todo: list[object] = [e]
    while todo:
        x = todo.pop()
        if not isinstance(x, BaseException) or id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, OSError) and x.errno is not None:
            return x
        todo.extend([*x.args, x.__cause__, x.__context__])
    return None
