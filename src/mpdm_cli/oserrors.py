"""System errors (reading an act, writing a document) said in French."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "fichier introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ELOOP: "boucle de liens symboliques",
    errno.EISDIR: "c'est un dossier",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota disque dépassé",
    errno.EROFS: "système de fichiers en lecture seule",
}


def os_reason(error: OSError) -> str:
    reason = _REASONS.get(error.errno or 0)
    return reason or f"erreur système {error.errno} ({error.strerror or error})"
