"""System errors (reading an act, writing a document) said in French."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "fichier introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ELOOP: "boucle de liens symboliques",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "le fichier existe déjà",
    errno.ENOTEMPTY: "le dossier n'est pas vide",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EINVAL: "nom ou opération refusé par le système de fichiers",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota disque dépassé",
    errno.EFBIG: "fichier trop gros pour le système de fichiers",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EBUSY: "fichier ou périphérique occupé",
    errno.ETXTBSY: "fichier occupé par un programme en cours",
    errno.EMFILE: "trop de fichiers ouverts par mpdm",
    errno.ENFILE: "trop de fichiers ouverts sur la machine",
    errno.ENOMEM: "mémoire insuffisante",
    errno.EXDEV: "déplacement impossible d'un disque à un autre",
    errno.ENXIO: "périphérique ou tube sans correspondant",
    errno.ENODEV: "périphérique absent",
    errno.EAGAIN: "ressource momentanément indisponible, réessayez",
    errno.EPIPE: "tube fermé par le programme qui lisait",
    errno.ESTALE: "fichier réseau devenu invalide (NFS)",
    errno.ETIMEDOUT: "délai dépassé (disque réseau ?)",
    errno.EOPNOTSUPP: "opération non prise en charge par le système de fichiers",
}


def os_reason(error: OSError) -> str:
    """The French reason of ``error``; an errno without one is named by its symbol, never
    with the system's English text."""
    number = error.errno or 0
    reason = _REASONS.get(number)
    if reason:
        return reason
    if number in errno.errorcode:
        return f"erreur système {errno.errorcode[number]} (n° {number})"
    return "erreur système"
